import SwaggerParser from "@apidevtools/swagger-parser";
import { Validator, type Schema } from "@cfworker/json-schema";
import { expect, it } from "vitest";
import { openApiDocument } from "../../worker/app";

type Parameter = { name: string; in: string; required?: boolean; schema?: Schema & { default?: unknown } };
type Document = { paths: Record<string, Record<string, { parameters?: Parameter[] }>> };

// Runs in Node: the validator resolves references with Node's modules, which workerd does not offer.
it("/openapi.json passes an OpenAPI 3.1 validator", async () => {
  const document = openApiDocument();
  await expect(SwaggerParser.validate(structuredClone(document) as never)).resolves.toMatchObject({ openapi: "3.1.0" });
});

it("the validator does reject a broken document (so the check above can fail)", async () => {
  const broken = structuredClone(openApiDocument()) as {
    paths: Record<string, Record<string, { parameters: { in: string }[] }>>;
  };
  broken.paths["/v1/aggregates"]!.get!.parameters[0]!.in = "body";
  await expect(SwaggerParser.validate(broken as never)).rejects.toThrow();
});

/** Whether a value is one the schema (JSON Schema 2020-12, as OpenAPI 3.1 uses) accepts. */
const accepts = (schema: Schema, value: unknown) => new Validator(schema, "2020-12", false).validate(value).valid;

it("documents each parameter's default as a value of the parameter itself, and groupBy as having none", () => {
  const document = openApiDocument() as unknown as Document;
  const parameters = Object.entries(document.paths).flatMap(([path, methods]) =>
    Object.entries(methods).flatMap(([method, operation]) =>
      (operation.parameters ?? []).map((parameter) => ({ where: `${method} ${path} ${parameter.name}`, parameter })),
    ),
  );
  const defaults = parameters.filter(({ parameter }) => parameter.schema && "default" in parameter.schema);
  expect(defaults.map(({ where }) => where)).toContain("get /v1/aggregates tz"); // so the check below can fail
  const wrong = defaults.filter(({ parameter }) => !accepts(parameter.schema!, parameter.schema!.default));
  expect(wrong.map(({ where }) => where)).toEqual([]);
  // Omitting groupBy groups by nothing; it was documented with the parsed default, an array ([]).
  const groupBy = parameters.find(({ where }) => where === "get /v1/aggregates groupBy")!.parameter;
  expect(groupBy).toMatchObject({ in: "query", required: false, schema: { type: "string" } });
  expect(groupBy.schema).not.toHaveProperty("default");
  expect(groupBy.schema!.description).toMatch(/omitted or empty, no groups/);
});

it("documents a site's identity as nullable wherever it appears: a site without employee identity has null", () => {
  const document = openApiDocument() as unknown as Document;
  const found: { where: string; schema: Schema }[] = [];
  const visit = (where: string, node: unknown) => {
    if (!node || typeof node !== "object") return;
    for (const [key, value] of Object.entries(node)) {
      if (key === "identity" && where.endsWith("properties")) found.push({ where, schema: value as Schema });
      visit(where ? `${where}/${key}` : key, value);
    }
  };
  visit("", document.paths);
  // The answers of GET /v1/sites, GET and PUT /v1/sites/{site}, and PUT's body.
  expect(found.length).toBeGreaterThanOrEqual(5);
  expect(found.filter(({ schema }) => !accepts(schema, null)).map(({ where }) => where)).toEqual([]);
  // Nullable, not loose: an identity that is neither kind is still refused.
  expect(found.filter(({ schema }) => accepts(schema, { verify: "password" })).map(({ where }) => where)).toEqual([]);
});
