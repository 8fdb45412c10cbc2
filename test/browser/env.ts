/** What the global setup (global-setup.ts) hands to every browser test through vitest's provide/inject. */
export type BrowserTestEnv = {
  /** The Worker, D1 and dist/ under wrangler dev, behind the contract proxy (admin calls go here directly). */
  workerUrl: string;
  /** The fault proxy in front of the Worker: pages load /widget.js from it, so the widget talks to it. */
  proxyUrl: string;
  /** The embedding site: a separate origin that serves the test pages, and the harness control endpoints. */
  pageOrigin: string;
  adminToken: string;
  /** wrangler's --persist-to directory, for reading D1 directly (wrangler d1 execute --local). */
  persistDir: string;
};

declare module "vitest" {
  export interface ProvidedContext {
    browserEnv: BrowserTestEnv;
  }
}
