/**
 * One aggregate over HTTP, timed by the Worker itself (its Server-Timing header), not by the client:
 * `d1` is what D1 reports spending on the answer's statements, `total` the handler's whole time,
 * round trips to D1 included.
 */
const SERVER_TIMING = /d1;dur=([\d.]+);desc="rows_read=(\d+)"(?:, total;dur=([\d.]+))?/;

export type Reading = { ms: number; totalMs: number; rowsRead: number; source: string; body: unknown };

export async function readAggregate(baseUrl: string, adminToken: string, query: string): Promise<Reading> {
  const response = await fetch(`${baseUrl}/v1/aggregates?${query}`, {
    headers: { authorization: `Bearer ${adminToken}` },
  });
  const text = await response.text();
  if (response.status !== 200)
    throw new Error(`GET /v1/aggregates?${query} answered ${response.status}: ${text.slice(0, 500)}`);
  const timing = SERVER_TIMING.exec(response.headers.get("server-timing") ?? "");
  if (!timing)
    throw new Error(
      `GET /v1/aggregates?${query}: no d1 Server-Timing header (got ${response.headers.get("server-timing")})`,
    );
  return {
    ms: Number(timing[1]),
    totalMs: Number(timing[3] ?? timing[1]),
    rowsRead: Number(timing[2]),
    source: response.headers.get("x-feedloop-source") ?? "?",
    body: JSON.parse(text),
  };
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/**
 * Runs each query once to warm up, then `runs` times alternating between them, so drift in the
 * machine's load hits both alike. Reports the median time; rows read must not vary between runs.
 */
export async function timeQueries(
  baseUrl: string,
  adminToken: string,
  queries: string[],
  runs: number,
): Promise<Reading[]> {
  const readings: Reading[][] = queries.map(() => []);
  for (const query of queries) await readAggregate(baseUrl, adminToken, query);
  for (let run = 0; run < runs; run++) {
    for (const [i, query] of queries.entries()) readings[i]!.push(await readAggregate(baseUrl, adminToken, query));
  }
  return readings.map((series, i) => {
    const rowsRead = new Set(series.map((reading) => reading.rowsRead));
    if (rowsRead.size !== 1)
      throw new Error(`rows_read varied between runs of ${queries[i]}: ${[...rowsRead].join(", ")}`);
    const last = series[series.length - 1]!;
    return {
      ms: median(series.map((reading) => reading.ms)),
      totalMs: median(series.map((reading) => reading.totalMs)),
      rowsRead: last.rowsRead,
      source: last.source,
      body: last.body,
    };
  });
}
