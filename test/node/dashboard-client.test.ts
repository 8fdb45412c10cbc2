import { build } from "esbuild";
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";
import * as z from "zod";
import { sourceFiles } from "./import-direction";
import { violations, type Shapes } from "./dashboard-client";

/**
 * Issue 12, item 4: "the dashboard calls the API through a typed client". A test fails if dashboard/ calls
 * `fetch` or spells an API path itself, imports the API's shapes from anywhere but the client, or writes
 * one out by hand; and if its bundle holds any Worker, schema or zod code.
 */
const root = fileURLToPath(new URL("../../", import.meta.url));

/** Every zod object schema/ exports, by its module and name: the shapes a hand-written copy would copy. */
async function apiShapes(): Promise<Shapes> {
  const shapes: Shapes = new Map();
  for (const name of readdirSync(join(root, "schema")).filter((file) => file.endsWith(".ts"))) {
    const module = (await import(pathToFileURL(join(root, "schema", name)).href)) as Record<string, unknown>;
    for (const [exported, value] of Object.entries(module)) {
      if (!(value instanceof z.ZodObject)) continue;
      shapes.set(`${name.slice(0, -3)}.ts ${exported}`, new Set(Object.keys(value.shape)));
    }
  }
  return shapes;
}

const shapes = await apiShapes();
// Parsing every file of dashboard/ and bundling it take seconds on a busy machine, not the default 5.
const SLOW = 30_000;

describe("the dashboard reaches the API only through hc<AppType>", () => {
  it(
    "no file in dashboard/ fetches, spells an API path, imports schema/ or copies an API shape",
    () => {
      const files = sourceFiles(root, ["dashboard"]);
      expect(files.some((file) => file.path === "dashboard/src/api.ts")).toBe(true);
      expect(shapes.has("aggregates.ts Aggregates")).toBe(true);
      expect(violations(files, shapes)).toEqual([]);
    },
    SLOW,
  );

  it(
    "its bundle holds the client and no Worker, schema or zod code (AppType is imported as a type only)",
    async () => {
      const bundled = await inputsOf({ entryPoints: ["dashboard/src/main.tsx"] });
      expect(bundled).toContain("node_modules/hono/dist/client/client.js");
      expect(bundled.filter(isServerCode)).toEqual([]);
    },
    SLOW,
  );

  it(
    "the bundle check sees server code when a file imports a value from schema/",
    async () => {
      const stdin = { contents: 'export { Slug } from "./schema/common";', resolveDir: root };
      const bundled = (await inputsOf({ stdin })).filter(isServerCode);
      expect(bundled).toEqual(
        expect.arrayContaining(["schema/common.ts", expect.stringMatching(/^node_modules\/zod/)]),
      );
    },
    SLOW,
  );
});

const isServerCode = (path: string) => /^(worker|schema)\/|^node_modules\/(zod|@hono\/zod-openapi)\//.test(path);

async function inputsOf(entry: Pick<Parameters<typeof build>[0], "entryPoints" | "stdin">): Promise<string[]> {
  const { metafile } = await build({
    ...entry,
    absWorkingDir: root,
    bundle: true,
    write: false,
    metafile: true,
    format: "esm",
    jsx: "automatic",
    jsxImportSource: "preact",
    logLevel: "silent",
  });
  return Object.keys(metafile.inputs);
}

describe("the checker", () => {
  const file = (path: string, text: string) => [{ path, text }];

  it("passes the client's own calls and types", () => {
    const clean = [
      'import type { AppType } from "../../worker/app";',
      'const sites = await read(client.v1.sites[":site"].$get({ param: { site } }));',
      'export type Site = Ok<typeof client.v1.sites.$get>["items"][number];',
      "const scope: { site?: string | null; kind?: string | null } = {};",
      "const version = `/v10/${'/api/v1beta'}`;",
    ].join("\n");
    expect(violations(file("dashboard/src/api.ts", clean), shapes)).toEqual([]);
  });

  // Lines of the dashboard before it used the client, and ways around it.
  it.each([
    ["dashboard/src/inbox/use-page.ts", 'import type { InboxPage } from "../../../schema/inbox";', "schema import"],
    ["dashboard/src/api.ts", 'export type { Site } from "../../schema/config";', "schema import"],
    ["dashboard/src/format.ts", 'const { SCORE_RANGE } = await import("../../schema/common");', "schema import"],
    ["dashboard/src/api.ts", 'import { type AppType } from "../../worker/app";', "worker import"],
    ["dashboard/src/api.ts", 'import type { Principal } from "../../worker/env";', "worker import"],
    ["dashboard/src/api.ts", "const response = await fetch(path, { method, headers });", "direct fetch"],
    ["dashboard/src/api.ts", "const response = await window.fetch(request);", "direct fetch"],
    ["dashboard/src/main.tsx", "const xhr = new XMLHttpRequest();", "direct fetch"],
    ["dashboard/src/catalog.ts", 'const sites = await api<SiteList>("GET", "/v1/sites");', "hand-built URL"],
    ["dashboard/src/inbox/detail.tsx", 'api<InboxThread>("GET", `/v1/responses/${id}`).then(', "hand-built URL"],
    ["dashboard/src/filters.tsx", "return `${location.origin}/v1/aggregates${query(params)}`;", "hand-built URL"],
    ["dashboard/src/api.ts", 'type Site = { id: string; name: string; audience: "internal" };', "hand-written shape"],
    ["dashboard/src/x.ts", "interface Side { count: number; nps: number; ces: number }", "hand-written shape"],
    ["dashboard/src/use-api.ts", "useApi<{ count: number; mean: number; nps: number }>(f);", "hand-written shape"],
  ])("fails when %s has `%s`", (path, text, rule) => {
    const found = violations(file(path, text), shapes);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ file: path, rule });
  });
});
