import { readFileSync } from "node:fs";
import { gzipSync } from "node:zlib";
import { describe, expect, test } from "vitest";

/** Every visitor of every embedding site downloads the widget: its budget, compressed as servers send it. */
const BUDGET_BYTES = 8 * 1024;

describe("dist/widget.js", () => {
  test(`is at most ${BUDGET_BYTES} bytes gzipped (level 9)`, () => {
    const bundle = readFileSync(new URL("../../dist/widget.js", import.meta.url));
    expect(gzipSync(bundle, { level: 9 }).length).toBeLessThanOrEqual(BUDGET_BYTES);
  });
});
