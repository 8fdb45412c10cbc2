import { createServer, request, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

/**
 * What the proxy does to one site's `POST /v1/responses`, so a test can play a slow or failing server.
 * `delayMs` holds the request before forwarding it; `status` answers it with that error instead (the
 * Worker never sees it). A network failure is `context.setOffline(true)` in the test instead.
 */
export type Fault = { delayMs?: number; status?: number };

/** One `POST /v1/responses` that reached the proxy, as the tests see it through the control endpoint. */
export type LoggedPost = {
  idempotencyKey: string | null;
  /** `cors` for fetch(), `no-cors` for navigator.sendBeacon (Fetch standard, Sec-Fetch-Mode). */
  fetchMode: string | null;
  /** What the Worker answered: null while held or in flight, and for a request the proxy failed itself. */
  workerStatus: number | null;
  /** True once nothing more will happen to it: the Worker answered, or the proxy failed it. */
  settled: boolean;
};

export type FaultProxy = {
  url: string;
  setFault(site: string, fault: Fault): void;
  clearFault(site: string): void;
  log(site: string): LoggedPost[];
  close(): Promise<void>;
};

/** A reverse proxy in front of the Worker. Everything passes through untouched except the faults set per site. */
export async function startFaultProxy(workerUrl: string): Promise<FaultProxy> {
  const target = new URL(workerUrl);
  const faults = new Map<string, Fault>();
  const posts = new Map<string, LoggedPost[]>();

  const server = createServer(async (req, res) => {
    const body = await readBody(req);
    if (req.method !== "POST" || new URL(req.url ?? "/", "http://x").pathname !== "/v1/responses")
      return forward(req, res, body);
    const { site, idempotencyKey } = parsePost(body, req);
    const entry: LoggedPost = {
      idempotencyKey,
      fetchMode: header(req, "sec-fetch-mode"),
      workerStatus: null,
      settled: false,
    };
    if (site) posts.set(site, [...(posts.get(site) ?? []), entry]);
    const fault = (site && faults.get(site)) || {};
    if (fault.delayMs) await new Promise((resolve) => setTimeout(resolve, fault.delayMs));
    if (fault.status) {
      entry.settled = true;
      const origin = header(req, "origin");
      res.writeHead(fault.status, {
        "content-type": "application/json",
        ...(origin ? { "access-control-allow-origin": origin } : {}),
      });
      return res.end(JSON.stringify({ error: { code: "unavailable", message: "Injected by the browser-test proxy" } }));
    }
    // Forwarded even when the page has gone meanwhile: a real server that got the request stores it too.
    forward(req, res, body, entry);
  });

  function forward(req: IncomingMessage, res: ServerResponse, body: Buffer, entry?: LoggedPost): void {
    const upstream = request(
      {
        host: target.hostname,
        port: target.port,
        method: req.method,
        path: req.url,
        headers: { ...req.headers, host: target.host },
      },
      (answer) => {
        if (entry) Object.assign(entry, { workerStatus: answer.statusCode ?? 0, settled: true });
        if (!res.headersSent && !res.destroyed) res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    upstream.once("error", () => {
      if (entry) entry.settled = true;
      if (!res.headersSent && !res.destroyed) res.writeHead(502).end();
    });
    upstream.end(body);
  }

  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    setFault: (site, fault) => faults.set(site, fault),
    clearFault: (site) => faults.delete(site),
    log: (site) => posts.get(site) ?? [],
    close: () => closeServer(server),
  };
}

function header(req: IncomingMessage, name: string): string | null {
  const value = req.headers[name];
  return typeof value === "string" ? value : null;
}

/** The widget posts JSON as text/plain (and sendBeacon cannot set headers), so the body names the site. */
function parsePost(body: Buffer, req: IncomingMessage): { site: string | null; idempotencyKey: string | null } {
  try {
    const parsed = JSON.parse(body.toString("utf8")) as { site?: unknown; idempotencyKey?: unknown };
    const key = typeof parsed.idempotencyKey === "string" ? parsed.idempotencyKey : header(req, "idempotency-key");
    return { site: typeof parsed.site === "string" ? parsed.site : null, idempotencyKey: key };
  } catch {
    return { site: null, idempotencyKey: header(req, "idempotency-key") };
  }
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => resolve(Buffer.concat(chunks)));
    // A page that goes away mid-upload: forward what arrived, as a server would have seen it.
    req.on("error", () => resolve(Buffer.concat(chunks)));
  });
}

export function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}
