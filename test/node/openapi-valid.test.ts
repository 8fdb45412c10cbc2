import SwaggerParser from "@apidevtools/swagger-parser";
import { expect, it } from "vitest";
import { openApiDocument } from "../../worker/app";

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
