import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { codeFiles, findings } from "./one-harness";

/**
 * Issue 12, item 6: one harness (harness/) starts, migrates and stops wrangler for npm run dev, the demo
 * scripts, the benches and the tests. A test fails when such code appears anywhere else again.
 */
const root = fileURLToPath(new URL("../../", import.meta.url));

describe("wrangler is started, migrated and stopped by harness/ only", () => {
  it("no code file outside harness/ spawns wrangler, sets its offline switches, migrates or kills a group", () => {
    const files = codeFiles(root);
    // The walk reaches every caller of the harness, and skips what git ignores.
    const paths = files.map(({ path }) => path);
    for (const caller of [
      "demo/dev.mjs",
      "bench/wrangler.ts",
      "test/browser/global-setup.ts",
      "harness/wrangler.mjs",
    ]) {
      expect(paths).toContain(caller);
    }
    expect(files.some(({ path }) => /^(?:node_modules|dist|bench\/\.data)\//.test(path))).toBe(false);
    expect(findings(files)).toEqual([]);
  });
});

describe("the checker", () => {
  const copies = [
    ["bench/x.ts", 'const bin = join(root, "node_modules", "wrangler", "bin", "wrangler.js");'],
    ["test/browser/x.ts", 'execFile(process.execPath, ["node_modules/wrangler/bin/wrangler.js", "d1", "execute"]);'],
    ["demo/x.mjs", 'process.env.CLOUDFLARE_CF_FETCH_ENABLED ??= "false";'],
    ["demo/y.mjs", 'const env = { ...process.env, WRANGLER_HIDE_BANNER: "true" };'],
    ["bench/y.ts", 'run(["d1", "migrations", "apply", "DB", "--local"]);'],
    ["test/browser/y.ts", "process.kill(-child.pid!, signal);"],
    ["demo/z.mjs", 'const { unstable_startWorker } = await import("wrangler");'],
    ["bench/z.ts", 'import { getPlatformProxy } from "wrangler";'],
  ];

  it.each(copies)("finds the copy in %s: %s", (path, text) => {
    expect(findings([{ path, text: `// a file\n${text}` }])).toMatchObject([{ file: path, line: 2 }]);
  });

  it("lets harness/ hold all of it, and passes what only looks alike", () => {
    const harness = copies.map(([, text], index) => ({ path: `harness/x${index}.mjs`, text: text! }));
    const alike = [
      { path: "bench/http-load.ts", text: "const path = join(dataDir, `${name}.wrangler.json`);" },
      { path: "demo/dev.mjs", text: "// wrangler d1 migrations apply, by harness/\nprocess.kill(child.pid, 0);" },
      { path: "bench/load.ts", text: " * through getPlatformProxy every `prepare` is a round trip" },
    ];
    expect(findings([...harness, ...alike])).toEqual([]);
  });
});
