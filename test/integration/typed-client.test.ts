import { hc } from "hono/client";
import { expect, it } from "vitest";
import type { Site, SiteList } from "../../schema/config";
import type { AppType } from "../../worker/app";
import { api, BASE, uid } from "./helpers";

// The README's typed client, as an integrator writes it: `hc<AppType>` knows every route's parameters,
// body and answers from the routes' declarations. Its fetch goes through the contract recorder.
const client = hc<AppType>(BASE, {
  headers: { authorization: "Bearer test-admin-token-0123456789abcdef" },
  fetch: (input: RequestInfo | URL, init?: RequestInit) => {
    const url = new URL(input instanceof Request ? input.url : String(input));
    return api(url.pathname + url.search, init);
  },
});

it("hc<AppType> writes and reads a site with the schemas' types", async () => {
  const id = uid("site");
  const put = await client.v1.sites[":site"].$put({
    param: { site: id },
    json: { name: "Typed", audience: "external", origins: ["https://typed.example"] },
  });
  expect(put.status).toBe(201);

  const listed = await client.v1.sites.$get();
  if (listed.status !== 200) throw new Error(`GET /v1/sites → ${listed.status}`);
  // Assignable both ways to the schema's type: the client and `import type` from schema/ agree.
  const body: SiteList = await listed.json();
  const site: Site | undefined = body.items.find((item) => item.id === id);
  expect(site).toMatchObject({
    name: "Typed",
    audience: "external",
    origins: ["https://typed.example"],
    currentPeriod: null,
  });
});

it("hc<AppType> types an error answer as the contract's error shape", async () => {
  const missing = await client.v1.sites[":site"].$get({ param: { site: uid("nowhere") } });
  if (missing.status !== 404) throw new Error(`expected 404, got ${missing.status}`);
  const { error } = await missing.json();
  expect(error.code).toBe("not_found");
});
