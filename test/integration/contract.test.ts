import { describe, expect, it } from "vitest";
import { makeChecker, type Document } from "../contract/checker";
import { api } from "./helpers";

const theDocument = async () => (await (await api("/openapi.json")).json()) as Document;

describe("the contract checker", () => {
  it("passes a response the document allows", async () => {
    const { check } = makeChecker(await theDocument());
    const body = JSON.stringify({ error: { code: "not_found", message: "site not found" } });
    expect(
      check({ method: "GET", path: "/v1/sites/acme", status: 404, contentType: "application/json", body }).problems,
    ).toEqual([]);
  });

  it("catches a wrong response: a missing field, an extra one, a wrong type, an undeclared status", async () => {
    const { check } = makeChecker(await theDocument());
    const site = (status: number, body: unknown) =>
      check({
        method: "GET",
        path: "/v1/sites/acme",
        status,
        contentType: "application/json",
        body: JSON.stringify(body),
      });
    expect(site(200, { id: "acme" }).problems.length).toBeGreaterThan(0);
    expect(site(404, { error: { code: "not_found", message: "x", stack: "at ..." } }).problems.length).toBeGreaterThan(
      0,
    );
    expect(site(404, { error: { code: 404, message: "x" } }).problems.length).toBeGreaterThan(0);
    expect(site(418, { error: { code: "teapot", message: "x" } }).problems).toEqual([
      "get /v1/sites/{site}: status 418 is not declared",
    ]);
    expect(
      check({ method: "DELETE", path: "/v1/keys/abc", status: 204, contentType: null, body: "{}" }).problems.length,
    ).toBe(1);
    expect(
      check({ method: "GET", path: "/v1/sites", status: 200, contentType: "text/html", body: "<p>" }).problems.length,
    ).toBe(1);
  });

  it("tells a literal path from a parameter (/v1/keys/current is not /v1/keys/{id})", async () => {
    const { check } = makeChecker(await theDocument());
    expect(
      check({
        method: "GET",
        path: "/v1/keys/current",
        status: 200,
        contentType: "application/json",
        body: '{"scope":"admin","sites":null}',
      }),
    ).toEqual({ operation: "get /v1/keys/current", problems: [] });
  });
});

describe("/openapi.json's responses", () => {
  it("give every operation a response for each status it declares, with a schema for each body", async () => {
    const document = await theDocument();
    const { operations } = makeChecker(document);
    let withSchemas = 0;
    for (const operation of operations) {
      const [method, path] = operation.split(" ") as [string, string];
      const responses = Object.entries(document.paths[path]![method]!.responses);
      const bodiless = new Set(["204", "304"]);
      const complete =
        responses.length > 0 &&
        responses.every(([status, response]) =>
          bodiless.has(status)
            ? !response.content
            : Object.values(response.content ?? {}).every(
                (media) => media.schema && Object.keys(media.schema).length > 0,
              ) && !!response.content,
        );
      if (complete) withSchemas++;
      else console.log(`incomplete: ${operation}`);
    }
    console.log(`operations with a response schema for each declared status: ${withSchemas} of ${operations.length}`);
    expect(operations.length).toBe(42); // 36, POST /v1/displays, GET /v1/aggregates/compare and 4 of actions
    expect(withSchemas).toBe(operations.length);
  });
});
