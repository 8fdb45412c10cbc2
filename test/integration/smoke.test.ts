import { expect, it } from "vitest";
import { api } from "./helpers";

it("answers unknown routes with the error shape", async () => {
  const response = await api("/v1/nope");
  expect(response.status).toBe(404);
  expect(await response.json()).toMatchObject({ error: { code: "not_found" } });
});
