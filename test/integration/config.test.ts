import { describe, expect, it } from "vitest";
import type { WidgetConfig } from "../../schema/widget";
import { admin, adminOk, api, expectError, ORIGIN, postResponse, seedSurvey, uid } from "./helpers";

describe("admin auth", () => {
  it("401 with the error shape for a missing or wrong token, on reads and writes", async () => {
    const site = uid("site");
    const body = { name: "Shop", audience: "external", origins: [ORIGIN] };
    for (const [method, path, payload] of [
      ["GET", "/v1/sites", undefined],
      ["PUT", `/v1/sites/${site}`, body],
      ["GET", "/v1/aggregates?kind=nps", undefined],
    ] as const) {
      const missing = await api(path, {
        method,
        body: payload ? JSON.stringify(payload) : undefined,
        headers: payload ? { "content-type": "application/json" } : {},
      });
      await expectError(missing, 401, "unauthorized");
      expect(missing.headers.get("www-authenticate")).toBe("Bearer");
      await expectError(await admin(method, path, payload, "wrong-token"), 401, "unauthorized");
      await expectError(
        await admin(method, path, payload, "test-admin-token-0123456789abcdef-but-longer"),
        401,
        "unauthorized",
      );
    }
    await expectError(await admin("GET", `/v1/sites/${site}`), 404, "not_found");
  });
});

describe("configuration", () => {
  it("PUT a site is an upsert: 201 new, 200 updated, normalized origins", async () => {
    const id = uid("site");
    const created = await admin("PUT", `/v1/sites/${id}`, {
      name: "Intranet",
      audience: "internal",
      origins: ["https://intra.example"],
      dimensions: ["team", "role"],
    });
    expect(created.status).toBe(201);
    expect(await created.json()).toMatchObject({
      id,
      audience: "internal",
      origins: ["https://intra.example"],
      dimensions: ["team", "role"],
      minGroupSize: 5,
    });
    const updated = await admin("PUT", `/v1/sites/${id}`, {
      name: "Intranet 2",
      audience: "internal",
      origins: ["https://intra.example", "http://localhost:8787"],
      minGroupSize: 7,
    });
    expect(updated.status).toBe(200);
    expect(await adminOk("GET", `/v1/sites/${id}`)).toMatchObject({
      name: "Intranet 2",
      minGroupSize: 7,
      origins: ["https://intra.example", "http://localhost:8787"],
    });
    const list = await adminOk<{ items: { id: string }[] }>("GET", "/v1/sites");
    expect(list.items.map((s) => s.id)).toContain(id);
  });

  it("422 with every problem's path for a bad site, and nothing written", async () => {
    const id = uid("site");
    const error = await expectError(
      await admin("PUT", `/v1/sites/${id}`, {
        name: "",
        audience: "partners",
        origins: ["https://shop.example/path", "*.example"],
        minGroupSize: 1,
      }),
      422,
      "validation_failed",
    );
    expect(error.details!.map((d) => d.path).sort()).toEqual([
      "audience",
      "minGroupSize",
      "name",
      "origins.0",
      "origins.1",
    ]);
    await expectError(await admin("GET", `/v1/sites/${id}`), 404, "not_found");
    await expectError(
      await admin("PUT", "/v1/sites/Not_A_Slug", { name: "x", audience: "external", origins: [] }),
      422,
      "validation_failed",
    );
  });

  it("surveys: 404 for an unknown site, 422 for an unknown service, kind kept once answered", async () => {
    await expectError(
      await admin("PUT", `/v1/sites/${uid("site")}/surveys/nps`, { kind: "nps", question: { en: "?" } }),
      404,
      "not_found",
    );
    const { site, survey } = await seedSurvey({ kind: "nps" });
    const unknown = await expectError(
      await admin("PUT", `/v1/sites/${site}/surveys/${survey}`, {
        kind: "nps",
        question: { en: "?" },
        services: ["nope-nope"],
      }),
      422,
      "validation_failed",
    );
    expect(unknown.details![0]!.path).toBe("services.0");
    const empty = await expectError(
      await admin("PUT", `/v1/sites/${site}/surveys/${survey}`, { kind: "nps", question: {} }),
      422,
      "validation_failed",
    );
    expect(empty.details![0]!.path).toBe("question");
    expect((await postResponse({ site, survey, score: 3 })).status).toBe(201);
    await expectError(
      await admin("PUT", `/v1/sites/${site}/surveys/${survey}`, { kind: "csat", question: { en: "?" } }),
      422,
      "validation_failed",
    );
    const same = await admin("PUT", `/v1/sites/${site}/surveys/${survey}`, {
      kind: "nps",
      question: { en: "Would you recommend us?" },
    });
    expect(same.status).toBe(200);
    const listed = await adminOk<{ items: { id: string; question: Record<string, string> }[] }>(
      "GET",
      `/v1/sites/${site}/surveys`,
    );
    expect(listed.items).toEqual([
      expect.objectContaining({ id: survey, question: { en: "Would you recommend us?" } }),
    ]);
  });

  it("an answered site keeps its audience: employees were promised anonymity", async () => {
    const { site, survey } = await seedSurvey({ kind: "csat" }, { audience: "internal" });
    expect((await postResponse({ site, survey, score: 3 })).status).toBe(201);
    const error = await expectError(
      await admin("PUT", `/v1/sites/${site}`, { name: "x", audience: "external", origins: [ORIGIN] }),
      422,
      "validation_failed",
    );
    expect(error.details![0]!.path).toBe("audience");
  });

  it("services: upsert and list", async () => {
    const id = uid("svc");
    expect((await admin("PUT", `/v1/services/${id}`, { name: "IT helpdesk", owner: "it" })).status).toBe(201);
    expect((await admin("PUT", `/v1/services/${id}`, { name: "IT helpdesk", owner: "it-ops" })).status).toBe(200);
    const list = await adminOk<{ items: { id: string; owner: string }[] }>("GET", "/v1/services");
    expect(list.items.find((s) => s.id === id)).toMatchObject({ owner: "it-ops" });
  });
});

describe("GET /v1/widget/{site}/{survey}", () => {
  it("serves what the widget shows in the best locale, with an ETag that answers 304", async () => {
    const { site, survey } = await seedSurvey({ kind: "nps", services: ["checkout"], topics: ["complaint"] });
    await adminOk("PUT", `/v1/sites/${site}/surveys/${survey}`, {
      kind: "nps",
      question: { en: "Would you recommend us?", de: "Würden Sie uns empfehlen?" },
      services: ["checkout"],
      topics: ["complaint"],
    });
    const response = await api(`/v1/widget/${site}/${survey}?locale=de-AT`, { headers: { origin: ORIGIN } });
    expect(response.status).toBe(200);
    expect(response.headers.get("access-control-allow-origin")).toBe(ORIGIN);
    const config = (await response.json()) as WidgetConfig;
    expect(config).toMatchObject({
      site,
      survey,
      kind: "nps",
      question: "Würden Sie uns empfehlen?",
      scale: { min: 0, max: 10 },
      dir: "ltr",
    });
    expect(config.topics).toEqual([{ id: "complaint", label: expect.any(String) }]);
    expect(config.services).toEqual([{ id: "checkout", name: "checkout" }]);
    expect(config.strings.submit).toEqual(expect.any(String));
    const etag = response.headers.get("etag")!;
    const cached = await api(`/v1/widget/${site}/${survey}?locale=de-AT`, {
      headers: { origin: ORIGIN, "if-none-match": etag },
    });
    expect(cached.status).toBe(304);
  });

  it("404 for an unknown or inactive survey, 403 for an origin the site does not list", async () => {
    const { site, survey } = await seedSurvey({ kind: "csat" });
    await expectError(await api(`/v1/widget/${site}/nope`), 404, "not_found");
    await expectError(
      await api(`/v1/widget/${site}/${survey}`, { headers: { origin: "https://evil.example" } }),
      403,
      "origin_not_allowed",
    );
    const inactive = await seedSurvey({ kind: "csat", active: false });
    await expectError(await api(`/v1/widget/${inactive.site}/${inactive.survey}`), 404, "not_found");
  });
});

describe("GET /v1/sites/{site}/surveys/{survey}", () => {
  it("answers one survey as it was put, and 404 for a survey the site does not have", async () => {
    const { site, survey } = await seedSurvey({ kind: "csat", topics: ["praise"] });
    expect(await adminOk("GET", `/v1/sites/${site}/surveys/${survey}`)).toMatchObject({
      site,
      id: survey,
      kind: "csat",
      topics: ["praise"],
      active: true,
    });
    await expectError(await admin("GET", `/v1/sites/${site}/surveys/${uid("nope")}`), 404, "not_found");
  });
});
