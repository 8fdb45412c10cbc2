import { createRoute, z } from "@hono/zod-openapi";
import type { Site } from "../../schema/config";
import { ExportQuery, type InboxItem } from "../../schema/inbox";
import { inboxConditions, presentRows, readPage } from "../db/inbox";
import { DatabaseOverloaded } from "../db/resilient";
import { inScope } from "../db/scope";
import { resolveScope } from "../scope";
import { csvRow } from "../domain/csv";
import { resolveRange } from "../domain/time-range";
import { requireAuth } from "../middleware/auth";
import { declare, errors, FILTER_422, router, SERVER_ERRORS } from "../openapi";
import { releaseClosedPeriods } from "../release";

const PAGE = 500;
const COLUMNS = [
  "id",
  "createdAt",
  "site",
  "survey",
  "kind",
  "score",
  "comment",
  "service",
  "topic",
  "status",
  "locale",
  "page",
  "replies",
  "anonymized",
] as const;

type Format = {
  type: string;
  mediaType: string;
  extension: string;
  header: (dimensions: string[]) => string;
  line: (item: InboxItem, dimensions: string[]) => string;
  /** The last line of a file whose export failed after its headers went out, or null to abort the stream. */
  failure: (error: { code: string; message: string }) => string | null;
};

const FORMATS: Record<"csv" | "ndjson", Format> = {
  csv: {
    type: "text/csv; charset=utf-8; header=present",
    mediaType: "text/csv",
    extension: "csv",
    header: (dimensions) => csvRow([...COLUMNS, ...dimensions.map((d) => `segment.${d}`)]),
    line: (item, dimensions) =>
      csvRow([...COLUMNS.map((column) => item[column]), ...dimensions.map((d) => item.segment[d])]),
    // A CSV line cannot say "error" without reading as a row, so the stream is aborted: the client sees a
    // broken transfer (no terminating chunk), never a file that looks complete.
    failure: () => null,
  },
  ndjson: {
    type: "application/x-ndjson; charset=utf-8",
    mediaType: "application/x-ndjson",
    extension: "ndjson",
    header: () => "",
    line: (item) => `${JSON.stringify(item)}\n`,
    failure: (error) => `${JSON.stringify({ error })}\n`,
  },
};

/**
 * The inbox's rows as a file, streamed page by page through the keyset, so a million rows export in
 * constant memory.
 */
function exportRoute(format: Format) {
  const route = createRoute({
    method: "get",
    path: "/",
    summary: `The inbox as ${format.extension.toUpperCase()}, streamed`,
    description: "Read keys may call this.",
    security: [{ bearer: [] }],
    middleware: [requireAuth({ scope: "read" })],
    request: { query: ExportQuery },
    responses: {
      200: {
        description: `A ${format.extension.toUpperCase()} file (Content-Disposition: attachment)`,
        content: { [format.mediaType]: { schema: z.string() } },
      },
      ...errors([401, 403, 422, 429, ...SERVER_ERRORS], { 422: FILTER_422 }),
    },
  });
  return router().openapi(
    ...declare(route, async (c) => {
      const query = c.req.valid("query");
      const db = c.env.DB;
      const { filter, sites, siteRows } = await resolveScope(db, c.var.principal, query);
      await releaseClosedPeriods(c.env, inScope(siteRows, filter), Date.now());
      const where = inboxConditions(filter, query, resolveRange(query, query.tz, Date.now()));
      const siteMap = new Map<string, Site>(sites.map((site) => [site.id, site]));
      const visible = sites.filter(
        (site) => (!filter.sitesIn || filter.sitesIn.includes(site.id)) && (!filter.site || filter.site === site.id),
      );
      const dimensions = [...new Set(visible.flatMap((site) => site.dimensions))].sort();
      const encoder = new TextEncoder();
      // The first page is read before the headers go out, so a failure there is an ordinary error status.
      let rows = await readPage(db, where, null, PAGE);
      let chunk = format.header(dimensions);
      let exported = 0;
      const body = new ReadableStream<Uint8Array>({
        async pull(controller) {
          for (const item of presentRows(rows, siteMap)) chunk += format.line(item, dimensions);
          exported += rows.length;
          if (chunk) controller.enqueue(encoder.encode(chunk));
          chunk = "";
          if (rows.length < PAGE) return controller.close();
          try {
            rows = await readPage(db, where, rows[rows.length - 1]!.id, PAGE);
          } catch (error) {
            console.error("export failed", error instanceof Error ? `${error.name}: ${error.message}` : error);
            const retry = "the file is incomplete; download it again";
            const failure = format.failure({
              code: error instanceof DatabaseOverloaded ? "unavailable" : "internal",
              message: `The export stopped after ${exported} rows on a fault on our side: ${retry}.`,
            });
            if (failure === null) return controller.error(new Error(`export stopped after ${exported} rows`));
            controller.enqueue(encoder.encode(failure));
            controller.close();
          }
        },
      });
      const stamp = new Date().toISOString().slice(0, 10);
      return c.body(body, 200, {
        "Content-Type": format.type,
        "Content-Disposition": `attachment; filename="feedloop-responses-${stamp}.${format.extension}"`,
      });
    }),
  );
}

export const csvExport = exportRoute(FORMATS.csv);
export const ndjsonExport = exportRoute(FORMATS.ndjson);
