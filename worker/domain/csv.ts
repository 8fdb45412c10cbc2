/**
 * CSV after RFC 4180 (CRLF line ends; fields with commas, quotes or line breaks quoted, quotes
 * doubled). Text that a spreadsheet would run as a formula (starting with = + - @, tab or CR) gets a
 * leading apostrophe, as OWASP's CSV-injection guidance recommends; numbers are left as numbers.
 */
const FORMULA_START = /^[=+\-@\t\r]/;

export function csvField(value: string | number | boolean | null | undefined): string {
  if (value === null || value === undefined) return "";
  if (typeof value !== "string") return String(value);
  const text = FORMULA_START.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export const csvRow = (values: (string | number | boolean | null | undefined)[]) =>
  `${values.map(csvField).join(",")}\r\n`;
