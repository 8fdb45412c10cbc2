/**
 * Reads, changes and writes back a list kept in localStorage as JSON, returning the new list. Never
 * throws: storage can be disabled, full, or blocked in sandboxed iframes, and then the widget still
 * works, only without memory (the list reads as empty).
 */
export function update<T>(key: string, change: (list: T[]) => T[] = (list) => list): T[] {
  let list: T[] = [];
  try {
    list = change(JSON.parse(localStorage[key] ?? "[]"));
    localStorage[key] = JSON.stringify(list);
  } catch {
    // Nothing to do: see above.
  }
  return list;
}
