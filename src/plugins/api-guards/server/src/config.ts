/**
 * The plugin's settings. The host app passes them in `config/plugins.ts` under
 * `'api-guards': { config: { … } }`, mapping its own environment variables; the validator stops
 * the start with a message naming the setting at fault.
 */

export interface ApiGuardsConfig {
  /** REST `populate` nesting bound (levels). */
  populate: { maxDepth: number };
  /** Users-permissions self-registration, applied at every start. */
  registration: { allow: boolean };
}

export const defaultConfig = (): ApiGuardsConfig => ({
  populate: { maxDepth: 3 },
  registration: { allow: false },
});

function positiveInteger(path: string, value: unknown): void {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1) {
    throw new Error(`api-guards: ${path} must be a positive integer, got ${String(value)}`);
  }
}

/** Throws a clear error for a setting of the wrong type or range. */
export function validateConfig(config: ApiGuardsConfig): void {
  positiveInteger('populate.maxDepth', config.populate?.maxDepth);
  if (typeof config.registration?.allow !== 'boolean') {
    throw new Error(
      `api-guards: registration.allow must be true or false, got ${String(config.registration?.allow)}`
    );
  }
}

export default {
  default: defaultConfig,
  validator: (config: ApiGuardsConfig) => validateConfig(config),
};
