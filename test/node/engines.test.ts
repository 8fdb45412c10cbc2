import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import semver from "semver";
import { describe, expect, it } from "vitest";

/**
 * package.json's `engines.node` is a promise: every Node it admits runs every package we install, so
 * `npm install` prints no EBADENGINE on any of them. This holds it to the lockfile: our range must lie inside
 * each installed package's own range (optional platform packages that this machine skipped are not
 * installed anywhere we run, so they are not judged).
 */
const root = fileURLToPath(new URL("../../", import.meta.url));
const read = (file: string) => JSON.parse(readFileSync(join(root, file), "utf8"));

type LockedPackage = { version?: string; engines?: { node?: string } | string[]; optional?: boolean };

describe("engines.node", () => {
  const ours: string = read("package.json").engines.node;
  const packages = Object.entries(read("package-lock.json").packages as Record<string, LockedPackage>);

  it("admits the Node of this machine and CI (20) and the current LTS lines (22, 24)", () => {
    for (const version of [process.versions.node, "20.19.0", "22.12.0", "24.0.0"]) {
      expect(semver.satisfies(version, ours), `${version} in ${ours}`).toBe(true);
    }
  });

  it("lies inside every installed package's engines.node", () => {
    const outside: string[] = [];
    let judged = 0;
    for (const [path, locked] of packages) {
      const theirs = Array.isArray(locked.engines) ? undefined : locked.engines?.node;
      if (path === "" || !theirs) continue;
      if (locked.optional && !existsSync(join(root, path))) continue;
      judged++;
      if (!semver.subset(ours, theirs)) outside.push(`${path.replace(/^.*node_modules\//, "")}: ${theirs}`);
    }
    expect(judged).toBeGreaterThan(20);
    expect(outside, `package.json engines.node ${ours} admits Nodes these refuse`).toEqual([]);
  });

  it("catches a range wider than a package's", () => {
    expect(semver.subset(">=20.3", "^20.19.0 || >=22.12.0")).toBe(false);
  });
});
