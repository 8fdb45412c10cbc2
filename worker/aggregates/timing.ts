import type { AggregateRead } from "./read";

/**
 * The Server-Timing header of one or more reads: `d1`, what D1 reports spending on their statements (with
 * the rows read, only for a credential for every site: rollup rows of other sites are counted too);
 * `total`, the handler's wall time (round trips included; workerd's clock only moves across I/O).
 */
export function serverTiming(reads: Pick<AggregateRead, "d1Ms" | "rowsRead">[], started: number): string {
  const d1Ms = reads.reduce((sum, read) => sum + read.d1Ms, 0).toFixed(2);
  const rows = reads.map((read) => read.rowsRead);
  const rowsRead = rows.includes(null) ? "" : `;desc="rows_read=${rows.reduce((a, b) => a! + b!, 0)}"`;
  return `d1;dur=${d1Ms}${rowsRead}, total;dur=${(performance.now() - started).toFixed(1)}`;
}
