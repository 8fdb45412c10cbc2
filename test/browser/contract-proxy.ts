import { createServer, request, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { brotliDecompressSync, gunzipSync, inflateSync } from "node:zlib";
import { type Document, makeChecker } from "../contract/checker";
import { browserContract } from "../contract/browser-records";
import { closeServer } from "./fault-proxy";

/**
 * The browser suite's half of the contract test: the one door to the Worker (Chromium, the fault proxy and
 * the tests' admin calls all come through it), which passes every request and answer through untouched and
 * checks each answer against the Worker's own /openapi.json once it has ended. The counts and any problem go
 * to test/contract/reporter.ts, which fails the run on a problem.
 */
export async function startContractProxy(workerUrl: string): Promise<{ url: string; close(): Promise<void> }> {
  const target = new URL(workerUrl);
  const { check, operations } = makeChecker((await (await fetch(`${workerUrl}/openapi.json`)).json()) as Document);
  browserContract.operations = operations;

  const server = createServer((req, res) => forward(req, res));

  function forward(req: IncomingMessage, res: ServerResponse): void {
    const headers = { ...req.headers, host: target.host };
    const upstream = request(
      { host: target.hostname, port: target.port, method: req.method, path: req.url, headers },
      (answer) => {
        if (res.destroyed) return void answer.resume();
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        const chunks: Buffer[] = [];
        answer.on("data", (chunk: Buffer) => {
          chunks.push(chunk);
          res.write(chunk);
        });
        answer.once("end", () => {
          res.end();
          record(req, answer, Buffer.concat(chunks));
        });
        answer.once("error", () => res.destroy());
      },
    );
    upstream.once("error", () => {
      if (!res.headersSent && !res.destroyed) res.writeHead(502).end();
    });
    req.pipe(upstream);
  }

  function record(req: IncomingMessage, answer: IncomingMessage, raw: Buffer): void {
    const path = new URL(req.url ?? "/", "http://x").pathname;
    const method = req.method ?? "GET";
    const status = answer.statusCode ?? 0;
    const contentType = headerOf(answer, "content-type");
    // Static files (the widget, the dashboard, /docs) belong to no operation: only the API is counted.
    if (check({ method, path, status, contentType, body: "" }).operation === null) return;
    let body: string;
    try {
      body = method === "HEAD" ? "" : decode(raw, headerOf(answer, "content-encoding"));
    } catch (error) {
      body = `(undecodable: ${(error as Error).message})`;
    }
    const verdict = check({ method, path, status, contentType, body });
    browserContract.responses.push(`${verdict.operation} ${status}`);
    for (const problem of verdict.problems)
      browserContract.problems.push(`${method} ${req.url} → ${status}: ${problem}`);
  }

  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, close: () => closeServer(server) };
}

function headerOf(message: IncomingMessage, name: string): string | null {
  const value = message.headers[name];
  return typeof value === "string" ? value : null;
}

function decode(raw: Buffer, encoding: string | null): string {
  // Nothing to decode: wrangler dev marks even a 204's empty body (POST /v1/displays) as `Content-Encoding: gzip`.
  if (!raw.length) return "";
  if (encoding === "gzip") return gunzipSync(raw).toString("utf8");
  if (encoding === "br") return brotliDecompressSync(raw).toString("utf8");
  if (encoding === "deflate") return inflateSync(raw).toString("utf8");
  return raw.toString("utf8");
}
