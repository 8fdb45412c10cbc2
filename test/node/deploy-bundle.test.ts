import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { type DeployBundle, problems } from "../../bench/deploy-bundle";

type Bundle = Omit<DeployBundle, "upload">;
const check = (bundle: Bundle) => problems(bundle);

// CI runs the real check on `wrangler deploy --dry-run` (node bench/run.mjs bundle-size --check in .ci/run);
// these show that it can fail, and on what.
const fit: Bundle = {
  minifyConfigured: true,
  modules: [{ name: "index.js", bytes: 250_000, gzip: 80_000, lines: 100 }],
  composition: { "worker/": 100_000, zod: 100_000, hono: 20_000 },
  assets: [
    { path: "widget.js", bytes: Buffer.from("(()=>{})();") },
    { path: "admin/index.html", bytes: Buffer.from("<!doctype html><title>feedloop</title>") },
  ],
};

describe("what a deploy may upload", () => {
  it("passes a minified Worker with the widget and the dashboard", () => {
    expect(check(fit)).toEqual([]);
  });

  it("catches a demo page under demo/, and a copy of one anywhere else", () => {
    const shop = readFileSync(new URL("../../demo/shop.html", import.meta.url));
    const assets = [
      ...fit.assets,
      { path: "demo/index.html", bytes: Buffer.from("x") },
      { path: "pages/shop.html", bytes: shop },
    ];
    expect(check({ ...fit, assets })).toEqual([
      "demo/index.html would be deployed (a demo file)",
      "pages/shop.html would be deployed (a demo file)",
    ]);
  });

  it("catches demo code in the Worker, and a Worker that is not minified", () => {
    const modules = [{ name: "index.js", bytes: 450_000, gzip: 105_000, lines: 12_000 }];
    const unminified = { ...fit, minifyConfigured: false, modules };
    expect(check({ ...unminified, composition: { ...fit.composition, "demo/": 500 } })).toEqual([
      "the Worker bundles code from demo/",
      "wrangler.toml does not set minify = true",
      "index.js is not minified (12000 lines for 450000 bytes)",
    ]);
  });
});
