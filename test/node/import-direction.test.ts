import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { featureFolders, resolveSpecifier, rules, sourceFiles, specifiersOf, violations } from "./import-direction";

/**
 * Issue 12, item 9: "A test fails if a file in worker/domain/ imports worker/db/, or a file in worker/db/
 * imports errors or middleware"; and a file in worker/domain/ importing errors or hono (domain/ returns
 * plain data or throws a domain error its caller maps). Each file's import specifiers are read and
 * resolved against its folder; a package's name is matched as it is written.
 */
const root = fileURLToPath(new URL("../../", import.meta.url));

describe("imports run one way (routes/ → feature folders → db/ and domain/)", () => {
  it("no file in worker/domain/, worker/db/ or demo/ imports what lies above it", () => {
    const files = sourceFiles(root, ["worker", "demo"]);
    expect(files.some((file) => file.path.startsWith("worker/db/"))).toBe(true);
    expect(files.some((file) => file.path.startsWith("worker/domain/"))).toBe(true);
    expect(violations(files, rules(featureFolders(root)))).toEqual([]);
  });
});

const plainData = (layer: string) => `${layer} takes and returns plain data`;

describe("the checker", () => {
  const ruleList = rules(["identity", "abuse"]);
  const clean = [
    {
      path: "worker/domain/metrics.ts",
      text: 'import type { Kind } from "../../schema/common";\nimport { floorTo } from "./rollup-plan";',
    },
    {
      path: "worker/db/responses.ts",
      text: 'import { emptyTally } from "../domain/metrics";\nimport type { Site } from "../../schema/config";',
    },
    {
      path: "worker/routes/inbox.ts",
      text: 'import { listInbox } from "../db/inbox";\nimport { ApiError } from "../errors";',
    },
    { path: "demo/seed.mjs", text: 'const { x } = await import("wrangler");' },
  ];

  it("finds static, type-only, re-exported and dynamic imports", () => {
    const text =
      'import a from "./a";\n' +
      'import type { B } from "../b";\n' +
      'import "./c";\n' +
      'export { d } from "./d";\n' +
      'export * from "./e";\n' +
      'const f = await import("./f");\n' +
      'import {\n  g,\n  h,\n} from "./g";';
    expect(specifiersOf(text)).toEqual(["./a", "../b", "./c", "./d", "./e", "./f", "./g"]);
    expect(resolveSpecifier("worker/domain/anonymize.ts", "../db/inbox")).toBe("worker/db/inbox");
    expect(resolveSpecifier("worker/db/x.ts", "hono")).toBeNull();
  });

  it("passes a tree whose imports run one way", () => {
    expect(violations(clean, ruleList)).toEqual([]);
  });

  it.each([
    ["worker/domain/anonymize.ts", 'import type { InboxRow } from "../db/inbox";', "domain/ imports no db/ module"],
    ["worker/domain/deep/x.ts", 'import { q } from "../../db/inbox.ts";', "domain/ imports no db/ module"],
    [
      "worker/domain/ingest.ts",
      'import { validationFailed, type Problem } from "../errors";',
      "domain/ throws no HTTP error, only domain errors its caller maps",
    ],
    [
      "worker/domain/ingest.ts",
      'import type { Problem } from "../errors.ts";',
      "domain/ throws no HTTP error, only domain errors its caller maps",
    ],
    [
      "worker/domain/ingest.ts",
      'import { HTTPException } from "hono/http-exception";',
      `hono is HTTP; ${plainData("domain/")}`,
    ],
    ["worker/domain/metrics.ts", 'import type { Context } from "hono";', `hono is HTTP; ${plainData("domain/")}`],
    ["worker/domain/metrics.ts", 'import { z } from "@hono/zod-openapi";', `hono is HTTP; ${plainData("domain/")}`],
    ["worker/db/resilient.ts", 'import { ApiError } from "../errors";', "db/ throws no HTTP error"],
    [
      "worker/db/resilient.ts",
      'import { HTTPException } from "hono/http-exception";',
      `hono is HTTP; ${plainData("db/")}`,
    ],
    [
      "worker/db/scope.ts",
      'import { assertSiteAccess } from "../middleware/auth";',
      "middleware is HTTP; the layers below take and return plain data",
    ],
    [
      "worker/db/sites.ts",
      'import { newBallotKey } from "../identity/ballot";',
      "feature folders (identity/) sit above db/ and domain/",
    ],
    ["worker/domain/x.ts", 'const routes = await import("../routes/inbox");', "routes/ sits above every other folder"],
    ["demo/sample-history.ts", 'import { prng } from "../bench/synthetic";', "demo/ does not import bench/"],
  ])("fails when %s adds `%s`", (path, text, why) => {
    const found = violations([...clean, { path, text }], ruleList);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ file: path, why });
  });

  it("does not mistake a sibling whose name starts like a forbidden one (worker/errors-x, worker/database)", () => {
    const files = [
      { path: "worker/db/a.ts", text: 'import { x } from "../errors-catalogue";\nimport { y } from "../dbx/z";' },
      { path: "worker/domain/a.ts", text: 'import { y } from "honorific";\nimport * as z from "zod";' },
    ];
    expect(violations(files, ruleList)).toEqual([]);
  });
});
