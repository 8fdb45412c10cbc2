import { readFile } from "node:fs/promises";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { basename, extname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { closeServer, type Fault, type FaultProxy } from "./fault-proxy";

/** A page a test registered: its HTML and any response headers (a Content-Security-Policy, say). */
export type RegisteredPage = { path: string; html: string; headers?: Record<string, string> };

const FIXTURES = fileURLToPath(new URL("pages/", import.meta.url));
const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
};

/**
 * The embedding site: its own origin, serving the pages tests register and the fixture files of pages/.
 * Tests run in vitest workers, not in this process, so they reach the harness over HTTP under /__control/:
 *   PUT /__control/pages {path, html, headers?}       register a page
 *   PUT /__control/faults/<site> {delayMs?, status?}, DELETE /__control/faults/<site>
 *   GET /__control/log/<site>                         the site's POST /v1/responses seen by the proxy
 */
export async function startPageServer(proxy: FaultProxy): Promise<{ origin: string; close(): Promise<void> }> {
  const pages = new Map<string, RegisteredPage>();

  async function control(req: IncomingMessage, res: ServerResponse, path: string): Promise<void> {
    const [, , resource, site = ""] = path.split("/");
    if (req.method === "PUT" && resource === "pages") {
      const page = JSON.parse(await readText(req)) as RegisteredPage;
      pages.set(page.path, page);
      return void res.writeHead(204).end();
    }
    if (req.method === "PUT" && resource === "faults" && site) {
      proxy.setFault(site, JSON.parse(await readText(req)) as Fault);
      return void res.writeHead(204).end();
    }
    if (req.method === "DELETE" && resource === "faults" && site) {
      proxy.clearFault(site);
      return void res.writeHead(204).end();
    }
    if (req.method === "GET" && resource === "log" && site) {
      return void res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(proxy.log(site)));
    }
    res.writeHead(404).end();
  }

  const server = createServer(async (req, res) => {
    try {
      const path = new URL(req.url ?? "/", "http://x").pathname;
      if (path.startsWith("/__control/")) return await control(req, res, path);
      const page = pages.get(path);
      if (page)
        return void res
          .writeHead(200, { "content-type": TYPES[".html"], "cache-control": "no-store", ...page.headers })
          .end(page.html);
      // No favicon: a 404 for it would be one more console error to read past.
      if (path === "/favicon.ico") return void res.writeHead(204).end();
      const name = basename(path);
      const type = TYPES[extname(name)];
      if (!type) return void res.writeHead(404).end();
      const file = await readFile(join(FIXTURES, name)).catch(() => null);
      if (!file) return void res.writeHead(404).end();
      res.writeHead(200, { "content-type": type, "cache-control": "no-store" }).end(file);
    } catch (error) {
      res.writeHead(500, { "content-type": "text/plain" }).end(String(error));
    }
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, close: () => closeServer(server) };
}

function readText(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}
