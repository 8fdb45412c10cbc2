import { createExecutionContext, env } from "cloudflare:test";
import { expect } from "vitest";
import worker from "../../worker/index";
import { recordResponse } from "../contract/recorder";

export const BASE = "http://feedloop.test";
export const ORIGIN = "https://shop.example";
const TOKEN = "test-admin-token-0123456789abcdef";

let counter = 0;
/** A fresh id per call, so tests never share rows however they are ordered. */
export const uid = (prefix: string) =>
  `${prefix}-${Date.now().toString(36)}-${(counter++).toString(36)}-${Math.random().toString(36).slice(2, 6)}`;

/**
 * A request to the Worker; its response is checked against /openapi.json (test/contract).
 *
 * It calls the Worker's own `fetch` handler in this isolate, with the real bindings (miniflare's D1,
 * queues and rate limiters) and a test ExecutionContext whose `waitUntil` work the pool awaits after
 * each test. `SELF.fetch` would do the same through the pool's entrypoint wrapper, but in
 * @cloudflare/vitest-pool-workers 0.15 each `SELF.fetch` costs more than the one before it in the same
 * workerd: 250 requests took 2.7 s at first and 50 s after 1,250 (a 404 route; cloudflare/workers-sdk
 * issue 15446, still open in 0.22). The fuzz test's 10,000 requests then ran for 15 minutes and ended in
 * "Maximum call stack size exceeded". Direct calls stay at about 0.05 ms each.
 */
export async function api(path: string, init: RequestInit = {}): Promise<Response> {
  const request = new Request(`${BASE}${path}`, init);
  const clone = request.clone();
  return recordResponse(clone, await worker.fetch(request, env, createExecutionContext()));
}

/**
 * An admin call, from a fresh client address each time: wrong tokens count against their IP (README: "Abuse,
 * floods and faults"), so tests that send a few never add up to another test's lockout.
 */
export function admin(method: string, path: string, body?: unknown, token = TOKEN): Promise<Response> {
  return api(path, {
    method,
    headers: {
      authorization: `Bearer ${token}`,
      "cf-connecting-ip": randomIp(),
      ...(body === undefined ? {} : { "content-type": "application/json" }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}

export async function adminOk<T = unknown>(method: string, path: string, body?: unknown): Promise<T> {
  const response = await admin(method, path, body);
  if (!response.ok) throw new Error(`${method} ${path} → ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}

/** A random client address, as Cloudflare's edge sets `CF-Connecting-IP`. */
export const randomIp = () =>
  Array.from({ length: 4 }, (_, i) => (i === 0 ? 11 : 0) + Math.floor(Math.random() * 200)).join(".");

type PublicInit = { origin?: string | null; headers?: Record<string, string> };

/**
 * Posts an answer as the widget would. Each call comes from a new visitor (a random `CF-Connecting-IP`)
 * unless `headers` names one, so tests that post many answers are not rate limited by accident.
 */
export const postResponse = (body: unknown, init: PublicInit = {}) => postPublic("/v1/responses", body, init);

/** A POST to a public endpoint (answers, displays) from the site's Origin, as postResponse describes. */
export function postPublic(path: string, body: unknown, init: PublicInit = {}): Promise<Response> {
  const origin = init.origin === undefined ? ORIGIN : init.origin;
  return api(path, {
    method: "POST",
    headers: {
      "content-type": "application/json",
      "cf-connecting-ip": randomIp(),
      ...(origin ? { origin } : {}),
      ...init.headers,
    },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
}

type SiteOptions = {
  audience?: "external" | "internal";
  dimensions?: string[];
  minGroupSize?: number;
  origins?: string[];
};
type SurveyOptions = { kind: string; services?: string[]; topics?: string[]; active?: boolean };

/** A site with one survey (and the services it rates), all with fresh ids. */
export async function seedSurvey(survey: SurveyOptions, site: SiteOptions = {}) {
  const siteId = uid("site");
  const surveyId = uid("survey");
  for (const service of survey.services ?? []) {
    if ((await admin("GET", `/v1/services/${service}`)).status === 404)
      await adminOk("PUT", `/v1/services/${service}`, { name: service, owner: "team-a" });
  }
  await adminOk("PUT", `/v1/sites/${siteId}`, {
    name: `Site ${siteId}`,
    audience: site.audience ?? "external",
    origins: site.origins ?? [ORIGIN],
    dimensions: site.dimensions ?? [],
    ...(site.minGroupSize ? { minGroupSize: site.minGroupSize } : {}),
  });
  await adminOk("PUT", `/v1/sites/${siteId}/surveys/${surveyId}`, {
    kind: survey.kind,
    question: { en: "How was it?" },
    services: survey.services ?? [],
    topics: survey.topics ?? [],
    active: survey.active ?? true,
  });
  return { site: siteId, survey: surveyId };
}

export async function countRows(table: string, where: string, ...params: unknown[]): Promise<number> {
  const row = await env.DB.prepare(`SELECT COUNT(*) AS n FROM ${table} WHERE ${where}`)
    .bind(...params)
    .first<{ n: number }>();
  return row!.n;
}

export async function expectError(response: Response, status: number, code: string) {
  expect(response.status).toBe(status);
  const body = (await response.json()) as {
    error: { code: string; message: string; details?: { path: string; message: string }[] };
  };
  expect(body.error.code).toBe(code);
  expect(body.error.message).toEqual(expect.any(String));
  return body.error;
}
