// TEMPORARY: removed when the locale-fallback plugin lands
export { default as stableStringify } from 'fast-json-stable-stringify';
