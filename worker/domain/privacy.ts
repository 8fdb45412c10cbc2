/**
 * Small-group suppression for internal audiences, after the HR survey tools (Peakon, Culture Amp):
 * a cell counting responses from an internal site and fewer than that site's minGroupSize is hidden.
 */
export type GuardedCount = {
  count: number;
  /** The largest minGroupSize among the internal sites counted in the cell; 0 when none is. */
  threshold: number;
};

export const isSmall = ({ count, threshold }: GuardedCount) => threshold > 0 && count < threshold;

/**
 * Which sibling cells (the parts of one visible whole: the groups of a breakdown, the points of a
 * series) to hide. Small cells are hidden; then, because the whole minus the visible parts equals
 * the sum of the hidden ones, the next-smallest cells are hidden as well until the hidden ones
 * together count at least the threshold, so no subtraction within one answer singles anyone out.
 */
export function suppressionMask(cells: GuardedCount[]): boolean[] {
  const mask = cells.map(isSmall);
  if (!mask.includes(true)) return mask;
  let needed = 0;
  let hidden = 0;
  cells.forEach((cell, i) => {
    if (mask[i]) {
      needed = Math.max(needed, cell.threshold);
      hidden += cell.count;
    }
  });
  const bySize = cells.map((cell, i) => ({ cell, i })).filter(({ cell, i }) => !mask[i] && cell.count > 0).sort((a, b) => a.cell.count - b.cell.count);
  for (const { cell, i } of bySize) {
    if (hidden >= needed) break;
    mask[i] = true;
    hidden += cell.count;
  }
  return mask;
}
