import { describe, expect, it } from "vitest";
import { app } from "../../worker/app";
import { api } from "./helpers";

type Document = { openapi: string; paths: Record<string, Record<string, { parameters: { name: string }[]; requestBody?: unknown }>> };

describe("GET /openapi.json", () => {
  it("lists every route the Worker serves, and no other", async () => {
    const document = (await (await api("/openapi.json")).json()) as Document;
    expect(document.openapi).toBe("3.1.0");
    const served = new Set(
      app.routes
        .filter((route) => route.method !== "ALL" && route.method !== "OPTIONS")
        .map((route) => `${route.method.toLowerCase()} ${route.path.replace(/:(\w+)/g, "{$1}")}`),
    );
    const documented = new Set(Object.entries(document.paths).flatMap(([path, methods]) => Object.keys(methods).map((method) => `${method} ${path}`)));
    expect([...documented].sort()).toEqual([...served].sort());
  });

  it("describes parameters and bodies from the validating schemas", async () => {
    const document = (await (await api("/openapi.json")).json()) as Document;
    const aggregates = document.paths["/v1/aggregates"]!.get!;
    expect(aggregates.parameters.map((p) => p.name)).toEqual(expect.arrayContaining(["kind", "survey", "from", "to", "bucket", "tz", "groupBy"]));
    expect(document.paths["/v1/responses"]!.post!.requestBody).toMatchObject({
      content: { "application/json": { schema: { properties: { score: expect.any(Object), idempotencyKey: expect.any(Object) } } } },
    });
  });
});
