/** The promise API of the `xliff` package (no bundled types), as the tests use it to edit files. */
declare module 'xliff' {
  interface XliffUnit {
    source: unknown;
    target?: unknown;
    [key: string]: unknown;
  }
  interface XliffDocument {
    sourceLanguage: string;
    targetLanguage: string;
    resources: Record<string, Record<string, XliffUnit>>;
  }
  export function xliff12ToJs(xml: string): Promise<XliffDocument>;
  export function jsToXliff12(document: XliffDocument): Promise<string>;
}
