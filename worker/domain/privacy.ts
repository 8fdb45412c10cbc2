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
 * Which cells to hide. `lines` are sets of cells tied by a sum (a total and its groups, a group and
 * its series points): one hidden cell alone in a line could be worked out from the others by
 * subtraction. So small cells are hidden, then, in every line holding a hidden cell, the next-smallest
 * visible cells too, until the line hides at least two non-empty cells that together reach the
 * threshold. Repeated until no line changes, since hiding a cell can expose another line.
 */
export function suppressLines(cells: GuardedCount[], lines: number[][]): boolean[] {
  const mask = cells.map(isSmall);
  for (let changed = mask.includes(true); changed; ) {
    changed = false;
    for (const line of lines) {
      const hidden = line.filter((i) => mask[i] && cells[i]!.count > 0);
      if (hidden.length === 0) continue;
      const needed = Math.max(...hidden.map((i) => cells[i]!.threshold));
      let hiddenCount = hidden.reduce((sum, i) => sum + cells[i]!.count, 0);
      let hiddenCells = hidden.length;
      const visible = line.filter((i) => !mask[i] && cells[i]!.count > 0).sort((a, b) => cells[a]!.count - cells[b]!.count);
      for (const i of visible) {
        if (hiddenCells >= 2 && hiddenCount >= needed) break;
        mask[i] = true;
        hiddenCount += cells[i]!.count;
        hiddenCells++;
        changed = true;
      }
    }
  }
  return mask;
}

/** The parts of one visible whole (the groups of a breakdown, the points of a series). */
export function suppressionMask(cells: GuardedCount[]): boolean[] {
  const whole = { count: cells.reduce((sum, cell) => sum + cell.count, 0), threshold: 0 };
  return suppressLines([...cells, whole], [[...cells.keys(), cells.length]]).slice(0, cells.length);
}
