import { readFileSync } from "node:fs";
import { gzipSync } from "node:zlib";
import { describe, expect, test } from "vitest";

/** Every visitor of every embedding site downloads the widget: its budget, compressed as servers send it. */
const BUDGET_BYTES = 8 * 1024;

const dist = (file: string) => readFileSync(new URL(`../../dist/${file}`, import.meta.url));

describe("dist/widget.js", () => {
  test(`is at most ${BUDGET_BYTES} bytes gzipped (level 9)`, () => {
    expect(gzipSync(dist("widget.js"), { level: 9 }).length).toBeLessThanOrEqual(BUDGET_BYTES);
  });

  test("leaves Turnstile to dist/turnstile.js, which only sites that want it load", () => {
    expect(dist("widget.js").toString()).not.toContain("challenges.cloudflare.com");
    expect(dist("turnstile.js").toString()).toContain(
      "https://challenges.cloudflare.com/turnstile/v0/api.js?render=explicit",
    );
  });
});
