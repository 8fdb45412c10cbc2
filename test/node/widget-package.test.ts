import { execFileSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

// After `npm run build`, which builds the package into widget/dist (widget/loader/build.mjs).
const widget = fileURLToPath(new URL("../../widget/", import.meta.url));
const root = fileURLToPath(new URL("../../", import.meta.url));
const manifest = JSON.parse(readFileSync(`${widget}package.json`, "utf8"));

/** Every file a consumer's resolver can be sent to by `exports` and `types`. */
function promisedFiles(): string[] {
  const exports = Object.values(manifest.exports as Record<string, string | Record<string, string>>);
  const targets = exports.flatMap((target) => (typeof target === "string" ? [target] : Object.values(target)));
  return [...new Set([...targets, manifest.types] as string[])].map((path) => path.replace(/^\.\//, "")).sort();
}

describe("the @feedloop/widget package", () => {
  it("publishes every file its exports and types name, and nothing of the Worker", () => {
    for (const file of promisedFiles()) expect(existsSync(`${widget}${file}`), file).toBe(true);
    // --ignore-scripts: the build already ran; prepack would only run it again.
    const pack = ["pack", "--dry-run", "--json", "--ignore-scripts"];
    const [packed] = JSON.parse(execFileSync("npm", pack, { cwd: widget, encoding: "utf8" }));
    const files = packed.files.map(({ path }: { path: string }) => path).sort();
    expect(files).toEqual(expect.arrayContaining(promisedFiles()));
    expect(files.filter((path: string) => !path.startsWith("dist/") && path !== "package.json")).toEqual([]);
  });

  it("its built .d.ts files type the apps in test/types (mount(), <feedloop-widget> in Preact and React)", () => {
    const tsc = `${root}node_modules/typescript/bin/tsc`;
    const compile = () => execFileSync(process.execPath, [tsc, "-p", "test/types/tsconfig.dist.json"], { cwd: root });
    expect(compile).not.toThrow();
  }, 60_000);

  it("its loader imports widget.mjs from the Worker's origin, and nothing else", () => {
    const loader = readFileSync(`${widget}dist/index.js`, "utf8");
    expect(loader).toContain('new URL("/widget.mjs", base)');
    expect(loader).not.toMatch(/^import /m);
  });
});
