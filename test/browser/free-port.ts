import { createServer } from "node:net";

/**
 * A port that was free a moment ago, for servers we cannot ask to bind port 0 and tell us (wrangler dev).
 * Our own node:http servers listen on port 0 instead, which has no such race.
 */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const address = probe.address();
      const port = typeof address === "object" && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}
