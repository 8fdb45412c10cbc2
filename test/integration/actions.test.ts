import { describe, expect, it } from "vitest";
import type { Action } from "../../schema/actions";
import { admin, adminOk, expectError, seedSurvey, uid } from "./helpers";

const key = async (scope: "admin" | "read", sites?: string[]) =>
  (await adminOk<{ key: string }>("POST", "/v1/keys", { name: uid("key"), scope, ...(sites ? { sites } : {}) })).key;

/** A service rated by a fresh external site, and the path of its actions. */
async function ratedService() {
  const service = uid("svc");
  const { site } = await seedSurvey({ kind: "csat", services: [service] });
  return { service, site, actions: `/v1/services/${service}/actions` };
}

describe("actions on a service (README: Actions, with before and after)", () => {
  it("creates (201), replaces (200), lists by date then id, reads, and deletes (204)", async () => {
    const { actions } = await ratedService();
    const created = await admin("PUT", `${actions}/evening-agents`, {
      title: "Two agents in the evenings",
      date: "2026-03-03",
      note: "  after the February backlog ",
    });
    expect(created.status).toBe(201);
    const first = (await created.json()) as Action;
    expect(first).toMatchObject({ id: "evening-agents", title: "Two agents in the evenings", date: "2026-03-03" });
    expect(first.note).toBe("after the February backlog");

    const replaced = await admin("PUT", `${actions}/evening-agents`, { title: "Three agents", date: "2026-03-04" });
    expect(replaced.status).toBe(200);
    const second = (await replaced.json()) as Action;
    expect(second).toMatchObject({ title: "Three agents", date: "2026-03-04", createdAt: first.createdAt });
    expect(second.note, "a replace drops what the new body leaves out").toBeUndefined();

    expect((await admin("PUT", `${actions}/b-later`, { title: "Later", date: "2026-05-01" })).status).toBe(201);
    expect((await admin("PUT", `${actions}/a-same-day`, { title: "Same day", date: "2026-03-04" })).status).toBe(201);
    expect((await admin("PUT", `${actions}/z-earlier`, { title: "Earlier", date: "2025-12-31" })).status).toBe(201);
    const list = await adminOk<{ items: Action[] }>("GET", actions);
    expect(list.items.map((a) => a.id)).toEqual(["z-earlier", "a-same-day", "evening-agents", "b-later"]);

    const one = await adminOk<Action & { effect: unknown }>("GET", `${actions}/evening-agents`);
    expect(one).toMatchObject({ id: "evening-agents", title: "Three agents" });
    expect(one.effect).toBeDefined();

    expect((await admin("DELETE", `${actions}/evening-agents`)).status).toBe(204);
    const gone = await expectError(await admin("GET", `${actions}/evening-agents`), 404, "not_found");
    expect(gone.message).toBe("action not found");
    await expectError(await admin("DELETE", `${actions}/evening-agents`), 404, "not_found");
    expect((await adminOk<{ items: Action[] }>("GET", actions)).items).toHaveLength(3);
  });

  it("answers 404 for a service that does not exist, and writes nothing", async () => {
    const missing = `/v1/services/${uid("nosvc")}/actions`;
    const error = await expectError(
      await admin("PUT", `${missing}/x`, { title: "t", date: "2026-01-01" }),
      404,
      "not_found",
    );
    // The service's own 404, not the router's for a path it does not know.
    expect(error.message).toBe("service not found");
    await expectError(await admin("GET", missing), 404, "not_found");
    await expectError(await admin("GET", `${missing}/x`), 404, "not_found");
  });

  it("refuses bad input with 422s that say what to send, and stores nothing", async () => {
    const { actions } = await ratedService();
    const cases: [unknown, string, RegExp][] = [
      [{ title: "t", date: "2026-02-30" }, "date", /exists/],
      [{ title: "t", date: "3 March" }, "date", /YYYY-MM-DD/],
      [{ title: "   ", date: "2026-03-03" }, "title", /empty/],
      [{ date: "2026-03-03" }, "title", /.+/],
      [{ title: "t", date: "2026-03-03", owner: "x" }, "", /owner|unrecognized/i],
      [{ title: "t".repeat(121), date: "2026-03-03" }, "title", /120/],
    ];
    for (const [body, field, message] of cases) {
      const error = await expectError(await admin("PUT", `${actions}/a1`, body), 422, "validation_failed");
      const detail = error.details!.find((d) => d.path.endsWith(field)) ?? error.details![0]!;
      expect(detail.message, JSON.stringify(body)).toMatch(message);
    }
    await expectError(
      await admin("PUT", `${actions}/Not_A_Slug`, { title: "t", date: "2026-03-03" }),
      422,
      "validation_failed",
    );
    const days = await expectError(await admin("GET", `${actions}/a1?days=0`), 422, "validation_failed");
    expect(days.details![0]!.message).toMatch(/at least 1/);
    expect(
      (await expectError(await admin("GET", `${actions}/a1?days=183`), 422, "validation_failed")).details![0]!.message,
    ).toMatch(/182/);
    expect((await adminOk<{ items: Action[] }>("GET", actions)).items).toEqual([]);
  });

  it("lets read keys read but not write (403)", async () => {
    const { actions } = await ratedService();
    await adminOk("PUT", `${actions}/one`, { title: "One", date: "2026-02-01" });
    const reader = await key("read");
    await expectError(
      await admin("PUT", `${actions}/two`, { title: "Two", date: "2026-02-02" }, reader),
      403,
      "forbidden",
    );
    await expectError(await admin("DELETE", `${actions}/one`, undefined, reader), 403, "forbidden");
    expect((await admin("GET", actions, undefined, reader)).status).toBe(200);
    expect((await admin("GET", `${actions}/one`, undefined, reader)).status).toBe(200);
    expect((await adminOk<{ items: Action[] }>("GET", actions)).items.map((a) => a.id)).toEqual(["one"]);
  });

  it("keeps site-limited keys to their own services: 403 on writes, 404 for other sites' services", async () => {
    const mine = await ratedService();
    const theirs = await ratedService();
    await adminOk("PUT", `${mine.actions}/mine`, { title: "Mine", date: "2026-02-01" });
    await adminOk("PUT", `${theirs.actions}/theirs`, { title: "Theirs", date: "2026-02-01" });
    for (const limited of [await key("admin", [mine.site]), await key("read", [mine.site])]) {
      expect((await admin("GET", mine.actions, undefined, limited)).status).toBe(200);
      expect((await admin("GET", `${mine.actions}/mine`, undefined, limited)).status).toBe(200);
      // Another site's service: a 404 like a service that does not exist, for the list and the action alike.
      await expectError(await admin("GET", theirs.actions, undefined, limited), 404, "not_found");
      await expectError(await admin("GET", `${theirs.actions}/theirs`, undefined, limited), 404, "not_found");
      await expectError(await admin("GET", `${theirs.actions}/nothing`, undefined, limited), 404, "not_found");
      for (const path of [`${mine.actions}/mine`, `${theirs.actions}/theirs`]) {
        await expectError(await admin("PUT", path, { title: "x", date: "2026-02-02" }, limited), 403, "forbidden");
        await expectError(await admin("DELETE", path, undefined, limited), 403, "forbidden");
      }
    }
    expect((await adminOk<Action>("GET", `${mine.actions}/mine`)).title).toBe("Mine");
    expect((await adminOk<Action>("GET", `${theirs.actions}/theirs`)).title).toBe("Theirs");
  });
});
