import type { ErrorHandler, NotFoundHandler } from "hono";
import { HTTPException } from "hono/http-exception";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import type { z } from "zod";
import { DatabaseOverloaded } from "./db/resilient";

/** A failure the client can act on; `onError` turns it into the contract's error shape. */
export class ApiError extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    readonly code: string,
    message: string,
    readonly details?: unknown,
    readonly headers?: Record<string, string>,
  ) {
    super(message);
  }
}

export type Problem = { path: string; message: string };

export function validationFailed(problems: Problem[]): ApiError {
  return new ApiError(
    422,
    "validation_failed",
    problems.map((p) => `${p.path || "body"}: ${p.message}`).join("; "),
    problems,
  );
}

export function zodProblems(error: z.ZodError, prefix = ""): Problem[] {
  return error.issues.map((issue) => ({
    path: [prefix, ...issue.path.map(String)].filter(Boolean).join("."),
    message: issue.message,
  }));
}

export const notFound = (what: string) => new ApiError(404, "not_found", `${what} not found`);

const STATUS_CODES: Partial<Record<number, string>> = {
  400: "bad_request",
  401: "unauthorized",
  403: "forbidden",
  404: "not_found",
  405: "method_not_allowed",
  413: "payload_too_large",
  415: "unsupported_media_type",
  429: "rate_limited",
};

export const onError: ErrorHandler = (error, c) => {
  if (error instanceof ApiError) {
    const body = {
      error: {
        code: error.code,
        message: error.message,
        ...(error.details === undefined ? {} : { details: error.details }),
      },
    };
    return c.json(body, error.status, error.headers);
  }
  if (error instanceof DatabaseOverloaded) {
    return c.json({ error: { code: "unavailable", message: error.message } }, 503, {
      "Retry-After": String(error.retryAfterSeconds),
    });
  }
  if (error instanceof HTTPException) {
    const code = STATUS_CODES[error.status] ?? "error";
    return c.json({ error: { code, message: error.message || code.replaceAll("_", " ") } }, error.status);
  }
  // Unknown failures are logged for the operator and answered without internals (no SQL, no stack).
  console.error("unhandled", error instanceof Error ? `${error.name}: ${error.message}\n${error.stack}` : error);
  return c.json({ error: { code: "internal", message: "Something went wrong on our side; nothing was stored." } }, 500);
};

export const onNotFound: NotFoundHandler = (c) =>
  c.json({ error: { code: "not_found", message: `No route for ${c.req.method} ${new URL(c.req.url).pathname}` } }, 404);
