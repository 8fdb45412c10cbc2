// The static assets `npm run dev` serves: the built dist/ (what a deploy uploads) plus the demo pages under
// /demo/. The pages stay out of dist/ so that no deploy ships them; wrangler dev is pointed here instead
// with --assets, which replaces only [assets].directory from wrangler.toml.
import { cp, mkdir, readdir, rm } from "node:fs/promises";
import { join } from "node:path";
import { root } from "../harness/wrangler.mjs";

export const devAssets = join(root, ".wrangler", "dev-assets");

/** Copies dist/ (run the builds first) and the demo pages into `devAssets`; returns how many pages. */
export async function prepareDevAssets() {
  await rm(devAssets, { recursive: true, force: true });
  await cp(join(root, "dist"), devAssets, { recursive: true });
  // demo.js too: index.html loads it (an external file keeps the demo's CSP strict). Not .mjs: those
  // are the Node scripts that serve and seed the demo, not pages.
  const pages = (await readdir(join(root, "demo"))).filter((name) => /\.(html|css|svg|js)$/.test(name));
  await mkdir(join(devAssets, "demo"));
  await Promise.all(pages.map((name) => cp(join(root, "demo", name), join(devAssets, "demo", name))));
  return pages.length;
}
