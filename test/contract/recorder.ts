import { createExecutionContext, env } from "cloudflare:test";
import worker from "../../worker/index";
import { makeChecker, type Document } from "./checker";

/**
 * The contract test's recorder: every response the integration suite gets from the Worker is checked
 * against `GET /openapi.json` as it arrives, and counted per operation and status. A response the document
 * does not allow fails the test that received it; test/contract/reporter.ts adds the counts up.
 */
let checker: ReturnType<typeof makeChecker> | undefined;
const seen: string[] = [];

async function theChecker() {
  if (!checker) {
    const answer = await worker.fetch(new Request("http://feedloop.test/openapi.json"), env, createExecutionContext());
    checker = makeChecker((await answer.json()) as Document);
  }
  return checker;
}

export async function recordResponse(request: Request, response: Response): Promise<Response> {
  const { check } = await theChecker();
  const url = new URL(request.url);
  const body = request.method === "HEAD" ? "" : await response.clone().text();
  const answer = {
    method: request.method,
    path: url.pathname,
    status: response.status,
    contentType: response.headers.get("content-type"),
    body,
  };
  const verdict = check(answer);
  if (verdict.operation === null) {
    // No operation serves it: a CORS preflight (204, or 403 in the error shape) or an unknown route (404).
    seen.push(`outside ${request.method} ${response.status}`);
  } else {
    seen.push(`${verdict.operation} ${response.status}`);
  }
  if (verdict.problems.length > 0)
    throw new Error(
      `contract: ${request.method} ${url.pathname}${url.search} → ${response.status}\n` +
        `  ${verdict.problems.join("\n  ")}`,
    );
  return response;
}

/** The responses recorded since the last call, as `method path status`, and every operation of the document. */
export function drainRecords(): { responses: string[]; operations: string[] } {
  return { responses: seen.splice(0), operations: checker?.operations ?? [] };
}
