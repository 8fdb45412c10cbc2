import type { MiddlewareHandler } from "hono";
import type { ZodError } from "zod";
import { ApiError, validationFailed, zodProblems } from "../errors";

/**
 * What `@hono/zod-openapi` calls after validating a request's params, query or body: a failure is the
 * contract's 422 with each problem's path (a query parameter's under `query.`, a header's under `header.`) and message.
 */
export function validationHook(
  result: { target: string } & ({ success: true } | { success: false; error: ZodError }),
): void {
  if (!result.success)
    throw validationFailed(
      zodProblems(result.error, result.target === "query" || result.target === "header" ? result.target : ""),
    );
}

const JSON_MEDIA_TYPE = /^application\/([\w.-]+\+)?json$/;

/**
 * Lets a route's JSON body arrive as `text/plain` (or with no Content-Type): navigator.sendBeacon and
 * preflight-free fetches from the widget can only send CORS-safelisted content types. Refuses other
 * media types (415) and a body that is not JSON (400); the route's schema then validates the parsed body.
 */
export function jsonBody(): MiddlewareHandler {
  return async function jsonBody(c, next) {
    const mediaType = (c.req.header("content-type") ?? "").split(";")[0]!.trim().toLowerCase();
    if (mediaType && mediaType !== "text/plain" && !JSON_MEDIA_TYPE.test(mediaType)) {
      throw new ApiError(
        415,
        "unsupported_media_type",
        "Send the body as application/json (or text/plain holding JSON)",
      );
    }
    // The validator reads only bodies labelled JSON; a copy of the request (same body, same `cf`) says so.
    if (mediaType !== "application/json") {
      const headers = new Headers(c.req.raw.headers);
      headers.set("content-type", "application/json");
      c.req.raw = new Request(c.req.raw, { headers, cf: c.req.raw.cf });
    }
    try {
      JSON.parse(await c.req.text());
    } catch {
      throw new ApiError(400, "invalid_json", "The body is not valid JSON");
    }
    await next();
  };
}
