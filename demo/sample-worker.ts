/**
 * A one-off Worker that writes the sample history (sample-history.ts) into its D1 binding, started by
 * demo/sample-data.mjs (harness/: withWorker) on the local D1 that wrangler dev serves.
 * Inside workerd each prepared statement is a local call; through getPlatformProxy each was a
 * synchronous round trip (5 ms here), which made the same load ten times slower.
 */
import { demoSitesAreEmpty, writeSampleHistory, type SampleOptions } from "./sample-history";

export default {
  async fetch(request: Request, env: { DB: D1Database }): Promise<Response> {
    const options = (await request.json()) as SampleOptions;
    // Only on a database where no demo site has a response yet: never on top of someone's own answers.
    if (!(await demoSitesAreEmpty(env.DB, options.sites))) return Response.json(null);
    return Response.json(await writeSampleHistory(env.DB, options));
  },
} satisfies ExportedHandler<{ DB: D1Database }>;
