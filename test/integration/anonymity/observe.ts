import { parse } from "csv-parse/sync";
import { admin } from "../helpers";

/**
 * What an attacker sees, as plain data: every figure of an aggregates answer (the total, each series
 * point, each group and its points) with the selection it stands for, and the rows of the inbox and
 * exports. Tolerant of the shapes of the code before issue 11 ({suppressed: true} cells, no `period`).
 */
export type Tally = { count: number; dist: number[] };
export type Selector = Record<string, string | null>;
export type Query = {
  kind: string;
  filters: Record<string, string>;
  from: number;
  to: number;
  bucket?: string;
  groupBy?: string[];
};
export type Figure = {
  attack: string;
  epoch: string;
  credential: string;
  /** The request, which identifies the figure together with `part`. */
  path: string;
  part: string;
  kind: string;
  selector: Selector;
  from: number;
  to: number;
  cell: Tally | null;
  withheld: boolean;
};
export type Row = {
  id: string;
  site: string;
  kind: string;
  survey: string | null;
  service: string | null;
  topic: string | null;
  segment: Record<string, string>;
  locale: string | null;
  page: string | null;
  createdAt: string;
  periodStart: string | null;
};
export type Listing = {
  attack: string;
  epoch: string;
  credential: string;
  path: string;
  filters: Record<string, string>;
  rows: Row[];
};

export const stats = { requests: 0, refused: 0 };

export async function get(path: string, credential: string): Promise<Response> {
  stats.requests++;
  return admin("GET", path, undefined, credential);
}

export function aggregatesPath(query: Query): string {
  const params = new URLSearchParams({
    kind: query.kind,
    ...query.filters,
    from: new Date(query.from).toISOString(),
    to: new Date(query.to).toISOString(),
  });
  if (query.bucket) params.set("bucket", query.bucket);
  if (query.groupBy?.length) params.set("groupBy", query.groupBy.join(","));
  return `/v1/aggregates?${params}`;
}

type Cell = { suppressed?: boolean; withheld?: boolean; count?: number; distribution?: Record<string, number> };
type Point = { start: string } & Cell;
type Answer = {
  total: Cell;
  withheld?: boolean;
  series?: Point[];
  groups?: ({ key: Record<string, string | null>; series?: Point[] } & Cell)[];
};

export function tallyOf(cell: Cell): Tally | null {
  if (cell.suppressed || typeof cell.count !== "number") return null;
  return { count: cell.count, dist: Array.from({ length: 11 }, (_, s) => cell.distribution?.[String(s)] ?? 0) };
}

/** GET /v1/aggregates as figures; a refused query (422: a bucket finer than a period) gives none. */
export async function readFigures(
  query: Query,
  meta: { attack: string; epoch: string; credential: string },
): Promise<Figure[]> {
  const path = aggregatesPath(query);
  const response = await get(path, meta.credential);
  if (response.status === 422) {
    stats.refused++;
    await response.body?.cancel();
    return [];
  }
  if (!response.ok) throw new Error(`GET ${path} → ${response.status} ${await response.text()}`);
  const answer = (await response.json()) as Answer;
  const base = { ...meta, path, kind: query.kind, withheld: answer.withheld === true };
  const selector: Selector = { ...query.filters };
  const figures: Figure[] = [
    { ...base, part: "total", selector, from: query.from, to: query.to, cell: tallyOf(answer.total) },
  ];
  const points = (series: Point[], selectorOf: Selector, part: string) =>
    series.map((point, i) => ({
      ...base,
      part: `${part}@${point.start}`,
      selector: selectorOf,
      // The part of the bucket inside [from, to): up to the next point's start, or `to` for the last.
      from: Math.max(Date.parse(point.start), query.from),
      to: i + 1 < series.length ? Date.parse(series[i + 1]!.start) : query.to,
      cell: tallyOf(point),
    }));
  figures.push(...points(answer.series ?? [], selector, "total"));
  for (const group of answer.groups ?? []) {
    const groupSelector = { ...selector, ...group.key };
    const part = JSON.stringify(group.key);
    figures.push(
      { ...base, part, selector: groupSelector, from: query.from, to: query.to, cell: tallyOf(group) },
      ...points(group.series ?? [], groupSelector, part),
    );
  }
  return figures;
}

const nullable = (value: unknown) => (value === "" || value === undefined || value === null ? null : String(value));

function toRow(item: Record<string, unknown>, segment: Record<string, string>): Row {
  const period = item.period as { start: string } | null | undefined;
  return {
    id: String(item.id),
    site: String(item.site),
    kind: String(item.kind),
    survey: nullable(item.survey),
    service: nullable(item.service),
    topic: nullable(item.topic),
    segment,
    locale: nullable(item.locale),
    page: nullable(item.page),
    createdAt: String(item.createdAt),
    periodStart: period?.start ?? nullable(item["period.start"] ?? item.periodStart),
  };
}

/** Every row the inbox (all pages), the CSV or the NDJSON export lists for some filters. */
export async function readRows(
  format: "inbox" | "csv" | "ndjson",
  filters: Record<string, string>,
  meta: { attack: string; epoch: string; credential: string },
): Promise<Listing> {
  const params = new URLSearchParams(filters);
  const rows: Row[] = [];
  const path = format === "inbox" ? `/v1/responses?${params}` : `/v1/responses.${format}?${params}`;
  if (format === "inbox") {
    for (let cursor: string | null = null; ; ) {
      const page = `${path}&limit=200${cursor ? `&cursor=${cursor}` : ""}`;
      const response = await get(page, meta.credential);
      if (!response.ok) throw new Error(`GET ${page} → ${response.status} ${await response.text()}`);
      const body = (await response.json()) as { items: Record<string, unknown>[]; nextCursor: string | null };
      rows.push(...body.items.map((item) => toRow(item, item.segment as Record<string, string>)));
      cursor = body.nextCursor;
      if (!cursor) break;
    }
  } else {
    const response = await get(path, meta.credential);
    if (!response.ok) throw new Error(`GET ${path} → ${response.status} ${await response.text()}`);
    const text = await response.text();
    const items: Record<string, unknown>[] =
      format === "csv"
        ? parse(text, { columns: true })
        : text
            .split("\n")
            .filter(Boolean)
            .map((line) => JSON.parse(line));
    for (const item of items) {
      const segment =
        format === "ndjson"
          ? (item.segment as Record<string, string>)
          : Object.fromEntries(
              Object.entries(item)
                .filter(([key, value]) => key.startsWith("segment.") && value !== "")
                .map(([key, value]) => [key.slice(8), String(value)]),
            );
      rows.push(toRow(item, segment));
    }
  }
  return { ...meta, path, filters, rows };
}
