import * as z from "zod";
import { AggregatesQuery } from "../schema/aggregates";
import { ErrorBody } from "../schema/common";
import { SiteInput, ServiceInput, SurveyInput } from "../schema/config";
import { FollowUpParam, ReplyInput, ResponseParam, StatusInput } from "../schema/followup";
import { ExportQuery, InboxQuery } from "../schema/inbox";
import { KeyInput, KeyParam } from "../schema/keys";
import { ServiceParam, SiteParam, SurveyParam } from "../schema/params";
import { ResponseCreated, ResponseInput } from "../schema/response";
import { WebhookInput, WebhookParam } from "../schema/webhooks";

type Auth = "public" | "read" | "admin";
type Operation = {
  method: "get" | "put" | "post" | "patch" | "delete";
  path: string;
  summary: string;
  auth: Auth;
  params?: z.ZodObject;
  query?: z.ZodType;
  body?: z.ZodType;
  ok: [status: number, description: string, schema?: z.ZodType];
  /** Failures of this operation besides the common ones (or with a more precise meaning). */
  errors?: Record<number, string>;
};

const WidgetQuery = z.object({ locale: z.string().optional() });

const RESPONSE_ERRORS = {
  401: "respondent_unverified: the site requires a verified employee (Cloudflare Access JWT or respondent token) and the request does not prove one",
  409: "already_answered: this employee already answered this survey in this period (sites with identity)",
  503: "unavailable (Retry-After): a check could not run, e.g. Cloudflare Access's signing keys could not be fetched; nothing was stored",
};

/**
 * Every route the Worker serves, with the zod schemas that validate it: the OpenAPI document is made
 * from these, and a test checks this list against the app's routes, so neither can drift.
 */
export const OPERATIONS: Operation[] = [
  { method: "get", path: "/v1/sites", summary: "List sites", auth: "read", ok: [200, "The sites the caller may see"] },
  { method: "get", path: "/v1/sites/{site}", summary: "Get a site", auth: "read", params: SiteParam, ok: [200, "The site"] },
  { method: "put", path: "/v1/sites/{site}", summary: "Create or replace a site", auth: "admin", params: SiteParam, body: SiteInput, ok: [200, "Updated (201 when created)"] },
  { method: "get", path: "/v1/sites/{site}/participation", summary: "An internal site's answers so far in its open reporting period (no breakdown)", auth: "read", params: SiteParam, ok: [200, "{period: {start, end}, responses}"] },
  { method: "get", path: "/v1/sites/{site}/surveys", summary: "List a site's surveys", auth: "read", params: SiteParam, ok: [200, "The surveys"] },
  { method: "get", path: "/v1/sites/{site}/surveys/{survey}", summary: "Get a survey", auth: "read", params: SurveyParam, ok: [200, "The survey"] },
  { method: "put", path: "/v1/sites/{site}/surveys/{survey}", summary: "Create or replace a survey", auth: "admin", params: SurveyParam, body: SurveyInput, ok: [200, "Updated (201 when created)"] },
  { method: "get", path: "/v1/services", summary: "List services", auth: "read", ok: [200, "The services"] },
  { method: "get", path: "/v1/services/{service}", summary: "Get a service", auth: "read", params: ServiceParam, ok: [200, "The service"] },
  { method: "put", path: "/v1/services/{service}", summary: "Create or replace a service", auth: "admin", params: ServiceParam, body: ServiceInput, ok: [200, "Updated (201 when created)"] },
  { method: "get", path: "/v1/widget/{site}/{survey}", summary: "What the widget shows, in the visitor's language", auth: "public", params: SurveyParam, query: WidgetQuery, ok: [200, "Widget configuration (ETag; 304 when unchanged)"] },
  { method: "post", path: "/v1/responses", summary: "Submit a response (Origin must be one of the site's)", auth: "public", body: ResponseInput, ok: [201, "Stored; followUp lets the respondent read replies", ResponseCreated], errors: RESPONSE_ERRORS },
  { method: "get", path: "/v1/responses", summary: "The inbox, newest first, by cursor", auth: "read", query: InboxQuery, ok: [200, "{items, nextCursor}"] },
  { method: "get", path: "/v1/responses.csv", summary: "The inbox as CSV (RFC 4180), streamed", auth: "read", query: ExportQuery, ok: [200, "CSV file"] },
  { method: "get", path: "/v1/responses.ndjson", summary: "The inbox as NDJSON, streamed", auth: "read", query: ExportQuery, ok: [200, "NDJSON file"] },
  { method: "get", path: "/v1/responses/{id}", summary: "One response with its reply thread", auth: "read", params: ResponseParam, ok: [200, "The inbox item (same anonymity rule) with `thread`: [{from, text, at}]"] },
  { method: "patch", path: "/v1/responses/{id}", summary: "Change a response's status", auth: "admin", params: ResponseParam, body: StatusInput, ok: [200, "The new status"] },
  { method: "post", path: "/v1/responses/{id}/replies", summary: "Reply to the respondent", auth: "admin", params: ResponseParam, body: ReplyInput, ok: [201, "The reply"] },
  { method: "delete", path: "/v1/responses/{id}", summary: "Delete a response (and its counts)", auth: "admin", params: ResponseParam, ok: [204, "Deleted"] },
  { method: "get", path: "/v1/aggregates", summary: "NPS, CSAT, CES and thumbs figures, series and breakdowns", auth: "read", query: AggregatesQuery, ok: [200, "{kind, total, series?, groups?}"] },
  { method: "get", path: "/v1/followups/{token}", summary: "The respondent reads the team's replies", auth: "public", params: FollowUpParam, ok: [200, "{status, replies}"] },
  { method: "post", path: "/v1/followups/{token}/replies", summary: "The respondent answers, anonymously", auth: "public", params: FollowUpParam, body: ReplyInput, ok: [201, "The reply"] },
  { method: "delete", path: "/v1/followups/{token}", summary: "The respondent deletes their response", auth: "public", params: FollowUpParam, ok: [204, "Deleted"] },
  { method: "post", path: "/v1/keys", summary: "Create an API key (shown once)", auth: "admin", body: KeyInput, ok: [201, "{id, key, prefix, ...}"] },
  { method: "get", path: "/v1/keys", summary: "List API keys", auth: "admin", ok: [200, "The keys, without secrets"] },
  { method: "get", path: "/v1/keys/current", summary: "The calling credential's scope and sites (null: every site)", auth: "read", ok: [200, "{scope, sites}"] },
  { method: "delete", path: "/v1/keys/{id}", summary: "Revoke an API key", auth: "admin", params: KeyParam, ok: [204, "Revoked"] },
  { method: "get", path: "/v1/webhooks", summary: "List webhooks", auth: "admin", ok: [200, "The webhooks, without secrets"] },
  { method: "put", path: "/v1/webhooks/{id}", summary: "Create or replace a webhook", auth: "admin", params: WebhookParam, body: WebhookInput, ok: [200, "Updated (201 when created, with its secret)"] },
  { method: "delete", path: "/v1/webhooks/{id}", summary: "Delete a webhook", auth: "admin", params: WebhookParam, ok: [204, "Deleted"] },
  { method: "get", path: "/openapi.json", summary: "This document", auth: "public", ok: [200, "OpenAPI 3.1"] },
];

const jsonSchema = (schema: z.ZodType) => {
  const { $schema: _, ...rest } = z.toJSONSchema(schema, { io: "input", unrepresentable: "any" }) as Record<string, unknown>;
  return rest;
};

function parameters(operation: Operation) {
  const list: Record<string, unknown>[] = [];
  for (const [where, schema] of [["path", operation.params], ["query", operation.query]] as const) {
    if (!schema) continue;
    const { properties = {}, required = [] } = jsonSchema(schema) as { properties?: Record<string, object>; required?: string[] };
    for (const [name, property] of Object.entries(properties)) list.push({ name, in: where, required: where === "path" || required.includes(name), schema: property });
  }
  return list;
}

const ERRORS = { 400: "Malformed JSON", 401: "Missing or wrong token", 403: "Forbidden (scope, site or origin)", 404: "Not found", 413: "Body over 16 KiB", 422: "Validation failed", 429: "Rate limited (see Retry-After)", 503: "Unavailable: the database is overloaded or a dependency (Turnstile, Access certs) is down; nothing stored, retry after Retry-After" };

export function openApiDocument(): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const operation of OPERATIONS) {
    const [status, description, schema] = operation.ok;
    const errorResponses = Object.fromEntries(
      Object.entries({ ...ERRORS, ...operation.errors }).map(([code, text]) => [code, { description: text, content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } } }]),
    );
    (paths[operation.path] ??= {})[operation.method] = {
      summary: operation.summary,
      operationId: `${operation.method}${operation.path.replace(/[^A-Za-z0-9]+(.)?/g, (_, c: string | undefined) => (c ? c.toUpperCase() : ""))}`,
      security: operation.auth === "public" ? [] : [{ bearer: [] }],
      ...(operation.auth === "read" ? { description: "Read keys may call this." } : {}),
      parameters: parameters(operation),
      ...(operation.body ? { requestBody: { required: true, content: { "application/json": { schema: jsonSchema(operation.body) } } } } : {}),
      responses: { [status]: { description, ...(schema ? { content: { "application/json": { schema: jsonSchema(schema) } } } : {}) }, ...errorResponses },
    };
  }
  return {
    openapi: "3.1.0",
    info: { title: "feedloop", version: "1", description: "Feedback from customers and employees: collection, aggregates, follow-up. Segment filters are `segment.<dimension>=value` query parameters." },
    components: { securitySchemes: { bearer: { type: "http", scheme: "bearer" } }, schemas: { Error: jsonSchema(ErrorBody) } },
    paths,
  };
}
