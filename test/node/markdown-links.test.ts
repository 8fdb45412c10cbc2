import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { anchorsOf, ignoredFolders, linksOf, problemOf, slug } from "./markdown-links";

/**
 * Issue 12: "The README's links all resolve inside the repository, and a test checks that." The README and
 * every guide in docs/ are read as a reader of a clone follows them: files must exist in the repository,
 * anchors must be headings of their file, and nothing may lead out of it (the contract the README used to
 * link at ../shared/CONTRACT.md is not in the repository).
 */
const root = fileURLToPath(new URL("../../", import.meta.url));
const MARKDOWN = [
  "README.md",
  ...readdirSync(join(root, "docs"))
    .filter((name) => name.endsWith(".md"))
    .map((name) => `docs/${name}`),
];

describe("the README's and docs/'s links", () => {
  it.each(MARKDOWN)("%s: every relative link and #anchor resolves inside the repository", (file) => {
    const links = linksOf(file, readFileSync(join(root, file), "utf8"));
    expect(links.length).toBeGreaterThan(0);
    expect(links.map((link) => problemOf(root, link, ignoredFolders(root))).filter(Boolean)).toEqual([]);
  });

  it("the README links the API reference (/docs) and the guide (docs/api.md)", () => {
    const targets = linksOf("README.md", readFileSync(join(root, "README.md"), "utf8")).map((link) => link.target);
    expect(targets).toContain("docs/api.md");
    expect(targets.some((target) => /^http:\/\/127\.0\.0\.1:8787\/docs\/?$/.test(target))).toBe(true);
  });
});

describe("the checker", () => {
  const sandbox = mkdtempSync(join(tmpdir(), "feedloop-links-"));
  afterAll(() => rmSync(sandbox, { recursive: true, force: true }));
  mkdirSync(join(sandbox, "docs"));
  writeFileSync(join(sandbox, ".gitignore"), "node_modules/\ndist/\n*.log\n");
  writeFileSync(join(sandbox, "README.md"), "# Sandbox\n");
  writeFileSync(
    join(sandbox, "docs/guide.md"),
    "# Guide\n\n## Employees' anonymity\n\n## Auth & keys\n\n## Auth & keys\n",
  );
  const check = (target: string, file = "README.md") =>
    problemOf(sandbox, { file, line: 1, target }, ignoredFolders(sandbox));

  it("follows GitHub's heading slugs", () => {
    expect(slug("Employees' anonymity")).toBe("employees-anonymity");
    expect(slug("Abuse, floods and faults")).toBe("abuse-floods-and-faults");
    expect(slug("1. Behind Cloudflare Access")).toBe("1-behind-cloudflare-access");
    expect(slug("`period.closed` and [webhooks](x.md)")).toBe("periodclosed-and-webhooks");
    expect([...anchorsOf("# A\n```sh\n# not a heading\n```\n## A\n")]).toEqual(["a", "a-1"]);
  });

  it("accepts what resolves", () => {
    expect(check("docs/guide.md")).toBeNull();
    expect(check("docs/guide.md#employees-anonymity")).toBeNull();
    expect(check("docs/guide.md#auth--keys-1")).toBeNull();
    expect(check("../README.md", "docs/guide.md")).toBeNull();
    expect(check("http://127.0.0.1:8787/docs")).toBeNull();
  });

  it("refuses a link out of the repository, a missing file or anchor, a root path and build output", () => {
    expect(check("../shared/CONTRACT.md")).toMatch(/leaves the repository/);
    expect(check("https://www.standardwebhooks.com/")).toMatch(/out of the repository/);
    expect(check("mailto:team@example.com")).toMatch(/out of the repository/);
    expect(check("../../README.md", "docs/guide.md")).toMatch(/leaves the repository/);
    expect(check("docs/missing.md")).toMatch(/no such file/);
    expect(check("docs/guide.md#employees-anonymity-rule")).toMatch(/no heading/);
    expect(check("#nowhere", "docs/guide.md")).toMatch(/no heading/);
    expect(check("/docs")).toMatch(/root-relative/);
    expect(check("dist/docs/index.html")).toMatch(/not part of the repository/);
  });

  it("reads links in prose only, not in code", () => {
    const links = linksOf(
      "x.md",
      "[a](one.md) `[b](two.md)` <https://example.com>\n```\n[c](three.md)\n```\n[d]: four.md\n",
    );
    expect(links.map((link) => link.target)).toEqual(["one.md", "https://example.com", "four.md"]);
  });
});
