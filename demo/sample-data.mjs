// Sample history for the demo sites (demo/sample-history.ts): about 60 days of answers, written into a
// local D1 with the Worker's own ingest and insert code, by a one-off Worker (demo/sample-worker.ts) that
// wrangler starts on the same database as wrangler dev. `npm run dev` calls it before it starts wrangler
// dev, and it writes only while no demo site has a response; demo/dashboard-screenshots.mjs calls it on a
// fresh database. By hand, with no wrangler dev running on that database:
//   node demo/sample-data.mjs [--persist-to DIR]      (default .wrangler/state, what npm run dev uses)
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { defaultPersistTo, root, withWorker } from "../harness/wrangler.mjs";
import { sites } from "./seed.mjs";

/**
 * What the one-off Worker answers: SampleSummary in sample-history.ts, which a Node script cannot import (that
 * file's imports are the Worker's, with no extensions).
 * @typedef {object} SampleSummary
 * @property {number} days
 * @property {number} responses
 * @property {number} displays
 * @property {Record<string, number>} bySite
 * @property {number} statuses
 * @property {number} replies
 * @property {number} from
 * @property {number} to
 * @property {{ service: string, id: string, title: string, date: string, note?: string }[]} actions
 */

/**
 * Writes the sample history into the local D1 kept under `persistTo` (wrangler's --persist-to), unless
 * a demo site has responses already. Resolves to a summary, or null when it wrote nothing. Must not run
 * while a wrangler dev serves the same directory: two workerd processes would write the same files.
 * @param {{ persistTo?: string, pageOrigin?: string, now?: number }} [options]
 * @returns {Promise<SampleSummary | null>}
 */
export async function seedSampleData({
  persistTo = defaultPersistTo,
  pageOrigin = "http://127.0.0.1:8787",
  now = Date.now(),
} = {}) {
  // wrangler.toml's bindings, so the same D1 file as wrangler dev's; only the entry point is another.
  const entrypoint = join(root, "demo", "sample-worker.ts");
  return withWorker({ entrypoint, persistTo }, async (worker) => {
    // Not "/": the static assets answer it (dist/index.html), and refuse a POST with 405.
    const body = JSON.stringify({ sites, pageOrigin, now });
    const response = await worker.fetch("http://sample-data/sample-history", { method: "POST", body });
    const text = await response.text();
    if (!response.ok) throw new Error(`writing the sample history failed (${response.status}):\n${text}`);
    return JSON.parse(text);
  });
}

/**
 * One line for a log: what was written.
 * @param {SampleSummary} summary
 */
export function describeSample(summary) {
  const sites = Object.entries(summary.bySite)
    .map(([site, n]) => `${n.toLocaleString("en")} in ${site}`)
    .join(", ");
  return (
    `${summary.responses.toLocaleString("en")} responses over the last ${summary.days} days (${sites}) ` +
    `from ${summary.displays.toLocaleString("en")} displays, ` +
    `${summary.statuses} triaged, ${summary.replies} replies in threads`
  );
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const at = process.argv.indexOf("--persist-to");
  const persistTo = at > 0 ? resolve(process.argv[at + 1] ?? "") : defaultPersistTo;
  const summary = await seedSampleData({ persistTo });
  console.log(summary ? `wrote ${describeSample(summary)}` : "the demo sites have responses already: nothing written");
}
