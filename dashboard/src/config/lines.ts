/** A textarea's items, one per line: trimmed, blank lines dropped. */
export function linesOf(text: string): string[] {
  return text
    .split("\n")
    .map((line) => line.trim())
    .filter(Boolean);
}

export const toLines = (items: readonly string[]): string => items.join("\n");

/** A dimension's listed values, one dimension per line: `plan: free, pro, team`. */
export function valuesOf(text: string): Record<string, string[]> {
  const lists: Record<string, string[]> = {};
  for (const line of linesOf(text)) {
    const colon = line.indexOf(":");
    const dimension = (colon < 0 ? line : line.slice(0, colon)).trim();
    const values = colon < 0 ? [] : line.slice(colon + 1).split(",");
    lists[dimension] = values.map((value) => value.trim()).filter(Boolean);
  }
  return lists;
}

export const valueLines = (lists: Readonly<Record<string, readonly string[]>>): string =>
  Object.entries(lists)
    .map(([dimension, values]) => `${dimension}: ${values.join(", ")}`)
    .join("\n");

/** Focuses an element once Preact has rendered it (after a form opens or closes). */
export function focusSoon(id: string): void {
  requestAnimationFrame(() => document.getElementById(id)?.focus());
}
