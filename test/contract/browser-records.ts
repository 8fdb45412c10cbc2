/**
 * What the browser suite's contract proxy (test/browser/contract-proxy.ts) checked, handed to the reporter.
 * Both run in vitest's main process (a global setup and a reporter), but each may load its own copy of this
 * module, so the record lives on globalThis under one name.
 */
export type BrowserContract = { responses: string[]; problems: string[]; operations: string[] };

const KEY = Symbol.for("feedloop.browserContract");
const holder = globalThis as { [KEY]?: BrowserContract };

holder[KEY] ??= { responses: [], problems: [], operations: [] };
export const browserContract: BrowserContract = holder[KEY];
