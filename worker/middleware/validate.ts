import type { MiddlewareHandler, ValidationTargets } from "hono";
import type { z } from "zod";
import { ApiError, validationFailed, zodProblems } from "../errors";

type Validated<Target extends keyof ValidationTargets, Schema extends z.ZodType> = {
  in: { [K in Target]: z.input<Schema> };
  out: { [K in Target]: z.output<Schema> };
};

/**
 * Parses a JSON body and validates it with a zod schema; handlers read `c.req.valid("json")`.
 * `text/plain` is accepted as well as JSON: navigator.sendBeacon and preflight-free fetches from the
 * widget can only send CORS-safelisted content types.
 */
export function jsonBody<Schema extends z.ZodType>(schema: Schema): MiddlewareHandler<any, string, Validated<"json", Schema>> {
  return async function jsonBody(c, next) {
    const mediaType = (c.req.header("content-type") ?? "").split(";")[0]!.trim().toLowerCase();
    if (mediaType && mediaType !== "text/plain" && !/^application\/([\w.-]+\+)?json$/.test(mediaType)) {
      throw new ApiError(415, "unsupported_media_type", "Send the body as application/json (or text/plain holding JSON)");
    }
    let raw: unknown;
    try {
      raw = JSON.parse(await c.req.text());
    } catch {
      throw new ApiError(400, "invalid_json", "The body is not valid JSON");
    }
    const result = schema.safeParse(raw);
    if (!result.success) throw validationFailed(zodProblems(result.error));
    c.req.addValidatedData("json", result.data as object);
    await next();
  };
}

/** Validates path params or the query string with a zod schema. */
export function validate<Target extends "param" | "query", Schema extends z.ZodType>(
  target: Target,
  schema: Schema,
): MiddlewareHandler<any, string, Validated<Target, Schema>> {
  return async function validateInput(c, next) {
    const value = target === "param" ? c.req.param() : c.req.query();
    const result = schema.safeParse(value);
    if (!result.success) throw validationFailed(zodProblems(result.error, target === "query" ? "query" : ""));
    c.req.addValidatedData(target, result.data as object);
    await next();
  };
}
