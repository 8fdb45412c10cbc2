import { readdirSync, readFileSync } from "node:fs";
import { join, posix } from "node:path";

/**
 * STYLE.md's "imports run one way": routes/ → feature folders → db/ and domain/. A rule names the files it
 * governs (a path prefix), the paths and the packages (`hono` is also `hono/http-exception`) they may not
 * import, each with the reason a reader is shown.
 */
export type Rule = {
  from: string;
  forbidden: { prefix: string; why: string }[];
  packages?: { name: string; why: string }[];
};
export type SourceFile = { path: string; text: string };
export type Violation = { file: string; specifier: string; resolved: string; why: string };

/** worker/ folders that are neither layers nor helpers every layer may use: the feature folders. */
const LAYERS = new Set(["db", "domain", "routes", "middleware", "i18n"]);
export const featureFolders = (root: string) =>
  readdirSync(join(root, "worker"), { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && !LAYERS.has(entry.name))
    .map((entry) => entry.name);

export function rules(features: string[]): Rule[] {
  const above = [
    { prefix: "worker/routes/", why: "routes/ sits above every other folder" },
    { prefix: "worker/middleware/", why: "middleware is HTTP; the layers below take and return plain data" },
    { prefix: "worker/app", why: "app.ts mounts routes; nothing below imports it" },
    ...features.map((name) => ({
      prefix: `worker/${name}/`,
      why: `feature folders (${name}/) sit above db/ and domain/`,
    })),
  ];
  const http = (layer: string) => [
    { name: "hono", why: `hono is HTTP; ${layer} takes and returns plain data` },
    { name: "@hono", why: `hono is HTTP; ${layer} takes and returns plain data` },
  ];
  return [
    {
      from: "worker/domain/",
      forbidden: [
        { prefix: "worker/db/", why: "domain/ imports no db/ module" },
        { prefix: "worker/errors", why: "domain/ throws no HTTP error, only domain errors its caller maps" },
        ...above,
      ],
      packages: http("domain/"),
    },
    {
      from: "worker/db/",
      forbidden: [{ prefix: "worker/errors", why: "db/ throws no HTTP error" }, ...above],
      packages: http("db/"),
    },
    { from: "demo/", forbidden: [{ prefix: "bench/", why: "demo/ does not import bench/" }] },
  ];
}

// Static imports and re-exports (`import ... from "x"`, `import "x"`, `export ... from "x"`) and `import("x")`.
const SPECIFIER = new RegExp(
  String.raw`(?:\bimport\s+(?:type\s+)?(?:[\w*{}\s,$]+\s+from\s+)?` +
    String.raw`|\bexport\s+(?:type\s+)?[\w*{}\s,$]+\s+from\s+` +
    String.raw`|\bimport\s*\(\s*)["']([^"']+)["']`,
  "g",
);

export const specifiersOf = (text: string) => [...text.matchAll(SPECIFIER)].map((match) => match[1]!);

/** `../db/inbox` from worker/domain/anonymize.ts is worker/db/inbox (extension dropped, so a prefix matches both). */
export function resolveSpecifier(file: string, specifier: string): string | null {
  if (!specifier.startsWith(".")) return null;
  return posix.normalize(posix.join(posix.dirname(file), specifier)).replace(/\.(ts|tsx|mjs|js)$/, "");
}

/** `worker/db/` holds worker/db/x; `worker/errors` is that module (or a folder of that name), not worker/errors-x. */
const within = (path: string, prefix: string) => {
  const base = prefix.replace(/\/$/, "");
  return path === base || path.startsWith(`${base}/`);
};

export function violations(files: SourceFile[], ruleList: Rule[]): Violation[] {
  const found: Violation[] = [];
  for (const file of files) {
    for (const rule of ruleList.filter((rule) => file.path.startsWith(rule.from))) {
      for (const specifier of specifiersOf(file.text)) {
        const resolved = resolveSpecifier(file.path, specifier);
        const hit =
          resolved === null
            ? rule.packages?.find(({ name }) => specifier === name || specifier.startsWith(`${name}/`))
            : rule.forbidden.find(({ prefix }) => within(resolved, prefix));
        if (hit) found.push({ file: file.path, specifier, resolved: resolved ?? specifier, why: hit.why });
      }
    }
  }
  return found;
}

/** Every source file under the given folders, with a path relative to the repository's root. */
export function sourceFiles(root: string, folders: string[]): SourceFile[] {
  const files: SourceFile[] = [];
  const walk = (folder: string) => {
    for (const entry of readdirSync(join(root, folder), { withFileTypes: true })) {
      const path = `${folder}/${entry.name}`;
      if (entry.isDirectory()) walk(path);
      else if (/\.(ts|tsx|mjs|js)$/.test(entry.name))
        files.push({ path, text: readFileSync(join(root, path), "utf8") });
    }
  };
  folders.forEach(walk);
  return files;
}
