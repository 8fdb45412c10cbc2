// The one harness that starts, migrates and stops wrangler, for npm run dev, the demo scripts, the benches
// and the tests. Plain Node (>= 20) with JSDoc types: the .mjs demo scripts import it with no TypeScript
// loader, the .ts callers get its types (allowJs), and bench/run.mjs leaves it out of its bundles.
//   offline-env.mjs        where wrangler is, and the offline switches every wrangler here runs with
//   wrangler-commands.mjs  one-shot commands: runWrangler, applyMigrations
//   wrangler-dev.mjs       startWranglerDev (with wrangler-ready.mjs: when it serves), freePort
//   process-group.mjs      stopping wrangler dev with all it started; exitOnInterrupt
//   output-tail.mjs        the last lines wrangler printed, for the error when it fails
//   wrangler-api.mjs       wrangler's Node API: withLocalD1 (getPlatformProxy), withWorker (startWorker)
export { defaultConfig, defaultPersistTo, hasWrangler, root } from "./offline-env.mjs";
export { exitOnInterrupt } from "./process-group.mjs";
export { withLocalD1, withWorker } from "./wrangler-api.mjs";
export { applyMigrations, runWrangler } from "./wrangler-commands.mjs";
export { freePort, startWranglerDev } from "./wrangler-dev.mjs";
/** @typedef {import("./wrangler-dev.mjs").WranglerDev} WranglerDev */
