/** A textarea's items, one per line: trimmed, blank lines dropped. */
export function linesOf(text: string): string[] {
  return text
    .split("\n")
    .map((line) => line.trim())
    .filter(Boolean);
}

export const toLines = (items: readonly string[]): string => items.join("\n");

/** Focuses an element once Preact has rendered it (after a form opens or closes). */
export function focusSoon(id: string): void {
  requestAnimationFrame(() => document.getElementById(id)?.focus());
}
