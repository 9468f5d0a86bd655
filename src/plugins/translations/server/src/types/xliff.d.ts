/** The parts of the `xliff` package (no bundled types) this project uses. */
declare module 'xliff/js2xliff' {
  import type { XliffJs, XliffWriteOptions } from 'xliff-js';
  const js2xliff: {
    js2xliffClb(
      obj: XliffJs,
      opt: XliffWriteOptions,
      cb: (err: Error | null, xml: string) => void
    ): string;
  };
  export = js2xliff;
}

declare module 'xliff/jsToXliff12' {
  import type { XliffJs, XliffWriteOptions } from 'xliff-js';
  const jsToXliff12: {
    jsToXliff12Clb(
      obj: XliffJs,
      opt: XliffWriteOptions,
      cb: (err: Error | null, xml: string) => void
    ): string;
  };
  export = jsToXliff12;
}

declare module 'xliff-js' {
  /** A span element of the `xliff` object model: `<pc>` in 2.0, `<g>` in 1.2. */
  export interface XliffGenericSpan {
    GenericSpan: { id: string; contents: XliffValue; [attribute: string]: XliffValue | string };
  }
  export type XliffValue = string | Array<string | XliffGenericSpan>;
  export interface XliffUnitJs {
    source: XliffValue;
    target?: XliffValue;
    note?: string | string[];
    additionalAttributes?: Record<string, string>;
  }
  export interface XliffGroupJs {
    groupUnits: Record<string, XliffUnitJs>;
    additionalAttributes?: Record<string, string>;
  }
  export interface XliffJs {
    sourceLanguage: string;
    targetLanguage: string;
    resources: Record<string, Record<string, XliffUnitJs | XliffGroupJs>>;
  }
  export interface XliffWriteOptions {
    indent?: string;
  }
}
