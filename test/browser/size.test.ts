import { readFileSync } from "node:fs";
import { gzipSync } from "node:zlib";
import { describe, expect, test } from "vitest";

/**
 * The widget's budgets (issue 14), compressed as servers send it: the loader, which every visitor of every
 * embedding site downloads, and all the JS a visitor downloads to send an answer, the loader and the panel.
 */
const LOADER_BYTES = 2 * 1024;
const SUBMISSION_BYTES = 8 * 1024;

const dist = (file: string) => readFileSync(new URL(`../../dist/${file}`, import.meta.url));
const gzipped = (file: string) => gzipSync(dist(file), { level: 9 }).length;

describe("the widget's size (gzip -9)", () => {
  test.each(["widget.js", "widget.mjs"])(`the loader, dist/%s, is at most ${LOADER_BYTES} bytes`, (file) => {
    expect(gzipped(file)).toBeLessThanOrEqual(LOADER_BYTES);
  });

  test(`a full submission without Turnstile, dist/widget.js and dist/panel.js, is at most ${SUBMISSION_BYTES} bytes`, () => {
    expect(gzipped("widget.js") + gzipped("panel.js")).toBeLessThanOrEqual(SUBMISSION_BYTES);
  });

  test("the loader leaves the panel, the sending of answers and Turnstile to chunks it loads when needed", () => {
    const loader = dist("widget.js").toString();
    expect(loader).toContain("/panel.js");
    // The panel's form and the answer queue's sender are not in it.
    expect(loader).not.toContain("radiogroup");
    expect(loader).not.toContain("/v1/responses");
    expect(dist("panel.js").toString()).toContain("/v1/responses");
    expect(loader).not.toContain("challenges.cloudflare.com");
    expect(dist("turnstile.js").toString()).toContain(
      "https://challenges.cloudflare.com/turnstile/v0/api.js?render=explicit",
    );
  });
});
