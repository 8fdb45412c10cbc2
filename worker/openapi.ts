import { OpenAPIHono, type RouteConfig, type RouteConfigToTypedResponse, type RouteHandler } from "@hono/zod-openapi";
import type { TypedResponse } from "hono";
import type { StatusCode } from "hono/utils/http-status";
import type { z } from "zod";
import { ErrorBody } from "../schema/common";
import type { AppEnv } from "./env";
import { validationHook } from "./middleware/validate";

/**
 * A resource's sub-app. Its routes are declared with `createRoute` (request and response schemas from
 * `schema/`): the same declaration validates the request, types the handler's answers and becomes
 * `GET /openapi.json`. Validation failures become the contract's 422 (`validationHook`).
 */
export const router = () => new OpenAPIHono<AppEnv>({ defaultHook: validationHook });

/** What each error status means, across the API; a route lists the ones it can answer. */
const ERRORS = {
  400: "invalid_json: the body is not JSON",
  401: "unauthorized: missing or wrong token (WWW-Authenticate: Bearer)",
  403: "forbidden: the credential's scope or sites do not allow this",
  404: "not_found",
  409: "already_answered: this employee already answered this survey in this period",
  413: "payload_too_large: the body is over 16 KiB",
  415: "unsupported_media_type: send application/json (or text/plain holding JSON)",
  422: "validation_failed, with `details`: [{path, message}]",
  429:
    "rate_limited: too many requests (on admin endpoints: too many wrong tokens from this IP); " +
    "retry after Retry-After",
  500: "internal: something went wrong on our side; nothing was stored",
  503:
    "unavailable: the database is overloaded or a dependency is down (retry after Retry-After), or, on admin " +
    "endpoints, the deployment's ADMIN_TOKEN is shorter than 32 characters; nothing was stored",
} as const;
type ErrorStatus = keyof typeof ERRORS;

const ErrorSchema = ErrorBody.openapi("Error");
type ErrorResponse = { description: string; content: { "application/json": { schema: typeof ErrorSchema } } };

/**
 * The error responses of a route, as `{status: {description, content}}`. `meanings` replaces a status's
 * general description where the route gives it a more precise one.
 */
export function errors<S extends ErrorStatus>(
  statuses: readonly S[],
  meanings: Partial<Record<S, string>> = {},
): { [K in S]: ErrorResponse } {
  return Object.fromEntries(
    statuses.map((status) => [
      status,
      { description: meanings[status] ?? ERRORS[status], content: { "application/json": { schema: ErrorSchema } } },
    ]),
  ) as { [K in S]: ErrorResponse };
}

/**
 * The 422 of a read that takes the shared filters: a malformed parameter, or a value naming nothing the
 * credential can read (worker/scope/named-values.ts), each problem with its `path` (`query.service`).
 */
export const FILTER_422 =
  "validation_failed: a malformed parameter, or a site, survey, service, owner or topic " +
  "that names nothing the credential can read";

/** Any route can fail on our side (500) or find D1 overloaded (503). */
export const SERVER_ERRORS = [500, 503] as const;

/** A JSON response of `schema`. */
export const json = <Schema extends z.ZodType>(description: string, schema: Schema) => ({
  description,
  content: { "application/json": { schema } },
});

/** A status a route declares without a body (204, 304): its handler answers `c.body(null, status)`. */
type BodilessAnswer<R extends RouteConfig> = {
  [S in keyof R["responses"]]: R["responses"][S] extends { content: object }
    ? never
    : S extends StatusCode
      ? TypedResponse<null, S, "body">
      : never;
}[keyof R["responses"]];

/** Every answer a route declares, and only those. */
export type Answer<R extends RouteConfig> = RouteConfigToTypedResponse<R> | BodilessAnswer<R>;

/**
 * A route and its handler, for `app.openapi(...declare(route, handler))`. The handler may answer only a
 * status and body the route declares. (`openapi()` alone lets a route with a bodiless status, a 204 or
 * a 304, answer any `Response` at all.)
 */
export function declare<R extends RouteConfig>(
  route: R,
  handler: (c: Parameters<RouteHandler<R, AppEnv>>[0]) => Answer<R> | Promise<Answer<R>>,
): [R, RouteHandler<R, AppEnv>] {
  return [route, handler as unknown as RouteHandler<R, AppEnv>];
}

/** The document's frame; paths come from the routes' declarations. */
export const DOCUMENT = {
  openapi: "3.1.0",
  info: {
    title: "feedloop",
    version: "1",
    description:
      "Feedback from customers and employees: collection, aggregates, follow-up. " +
      "Segment filters are `segment.<dimension>=value` query parameters.",
  },
};
