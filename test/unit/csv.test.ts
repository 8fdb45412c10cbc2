import { describe, expect, it } from "vitest";
import { csvField } from "../../worker/domain/csv";

// OWASP ASVS 5.0 V1.2.10 names = + - @, tab and NUL; OWASP's CSV-injection page adds carriage return.
// Line feed stands for a carriage return after ingest's newline normalisation; the full-width forms are
// read as the ASCII ones by some spreadsheets.
const FORMULA_STARTS = ["=", "+", "-", "@", "\t", "\r", "\r\n", "\n", "\0", "\uFF1D", "\uFF0B", "\uFF0D", "\uFF20"];

describe("csvField (formula injection)", () => {
  it.each(FORMULA_STARTS.map((start) => [JSON.stringify(start), start]))(
    "puts an apostrophe before a field starting with %s",
    (_, start) => {
      const field = csvField(`${start}1+1`);
      expect(field.replace(/^"/, "")).toMatch(/^'/);
    },
  );

  it("escapes a comment that ingest normalised from CR to LF", () => {
    expect(csvField("\n=1+1")).toBe(`"'\n=1+1"`);
  });

  it("leaves plain text and numbers alone", () => {
    expect(csvField("fine, thanks")).toBe(`"fine, thanks"`);
    expect(csvField(-3)).toBe("-3");
    expect(csvField("ok")).toBe("ok");
  });
});
