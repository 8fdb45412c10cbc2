import { describe, expect, it } from "vitest";
import { app } from "../../worker/app";
import { api } from "./helpers";

/** Just enough of a JSON Schema to read the values a site's identity may take. */
type Schema = {
  anyOf?: Schema[];
  oneOf?: Schema[];
  properties?: Record<string, Schema>;
  const?: string;
  enum?: string[];
};
type Operation = {
  parameters: { name: string }[];
  requestBody?: { content: Record<string, { schema: Schema }> };
  responses: Record<string, { description: string }>;
};
type Document = { openapi: string; paths: Record<string, Record<string, Operation>> };

describe("GET /openapi.json", () => {
  it("lists every route the Worker serves, and no other", async () => {
    const document = (await (await api("/openapi.json")).json()) as Document;
    expect(document.openapi).toBe("3.1.0");
    const served = new Set(
      app.routes
        .filter((route) => route.method !== "ALL" && route.method !== "OPTIONS")
        .map((route) => `${route.method.toLowerCase()} ${route.path.replace(/:(\w+)/g, "{$1}")}`),
    );
    const documented = new Set(
      Object.entries(document.paths).flatMap(([path, methods]) =>
        Object.keys(methods).map((method) => `${method} ${path}`),
      ),
    );
    expect([...documented].sort()).toEqual([...served].sort());
  });

  it("describes parameters and bodies from the validating schemas", async () => {
    const document = (await (await api("/openapi.json")).json()) as Document;
    const aggregates = document.paths["/v1/aggregates"]!.get!;
    expect(aggregates.parameters.map((p) => p.name)).toEqual(
      expect.arrayContaining(["kind", "survey", "from", "to", "bucket", "tz", "groupBy"]),
    );
    expect(document.paths["/v1/responses"]!.post!.requestBody).toMatchObject({
      content: {
        "application/json": {
          schema: {
            properties: {
              score: expect.any(Object),
              idempotencyKey: expect.any(Object),
              respondent: expect.any(Object),
            },
          },
        },
      },
    });
  });
});

describe("GET /openapi.json: intranet identity", () => {
  it("documents a site's identity and the failures of a verified answer", async () => {
    const document = (await (await api("/openapi.json")).json()) as Document;
    const site = document.paths["/v1/sites/{site}"]!.put!.requestBody!.content["application/json"]!.schema;
    const identity = site.properties!.identity!;
    expect(
      (identity.anyOf ?? [identity])
        .flatMap((s) => s.oneOf ?? [s])
        .map((s) => s.properties?.verify?.const ?? s.properties?.verify?.enum?.[0])
        .filter(Boolean)
        .sort(),
    ).toEqual(["access", "token"]);
    const answers = document.paths["/v1/responses"]!.post!.responses;
    expect(answers["401"]?.description).toMatch(/respondent_unverified/);
    expect(answers["409"]?.description).toMatch(/already_answered/);
    expect(answers["503"]?.description).toMatch(/unavailable/);
  });
});
