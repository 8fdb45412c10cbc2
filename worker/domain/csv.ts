/**
 * CSV after RFC 4180 (CRLF line ends; fields with commas, quotes or line breaks quoted, quotes
 * doubled). Text that a spreadsheet would run as a formula gets a leading apostrophe (OWASP ASVS 5.0
 * V1.2.10 and OWASP's CSV-injection guidance): = + - @, tab (0x09), carriage return (0x0D), NUL (0x00),
 * and their full-width forms (＝ ＋ － ＠), which some spreadsheets read as the ASCII ones. Line breaks
 * are normalised first (CR and CRLF become LF, as comments are stored), so a leading line feed counts
 * too: a CR that ingest turned into LF must not lose its apostrophe. Numbers are left as numbers.
 */
const FORMULA_START = /^[=+\-@\t\r\n\0\uFF1D\uFF0B\uFF0D\uFF20]/;

export function csvField(value: string | number | boolean | null | undefined): string {
  if (value === null || value === undefined) return "";
  if (typeof value !== "string") return String(value);
  const normalised = value.replace(/\r\n?/g, "\n");
  const text = FORMULA_START.test(normalised) ? `'${normalised}` : normalised;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export const csvRow = (values: (string | number | boolean | null | undefined)[]) =>
  `${values.map(csvField).join(",")}\r\n`;
