import { SELF } from "cloudflare:test";
import { expect, it } from "vitest";

it("answers unknown routes with the error shape", async () => {
  const response = await SELF.fetch("http://feedloop.test/v1/nope");
  expect(response.status).toBe(404);
  expect(await response.json()).toMatchObject({ error: { code: "not_found" } });
});
