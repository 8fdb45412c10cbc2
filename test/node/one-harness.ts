import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

/**
 * STYLE.md: "One harness starts, migrates and stops wrangler for dev, demo, bench and tests." The signs of
 * such code, each with what a reader is told; only harness/, its tests and this checker may show one.
 */
export const signs: { pattern: RegExp; what: string }[] = [
  {
    pattern: /bin\/wrangler|\bwrangler\.js\b|wrangler-dist/,
    what: "runs wrangler's CLI itself (harness/: runWrangler, startWranglerDev)",
  },
  {
    pattern: /\b(?:CLOUDFLARE_CF_FETCH_ENABLED|WRANGLER_SEND_(?:METRICS|ERROR_REPORTS)|WRANGLER_HIDE_BANNER)\b/,
    what: "sets wrangler's offline switches (harness/offline-env.mjs)",
  },
  { pattern: /migrations["'`,\s]+apply/, what: "applies D1 migrations (harness/: applyMigrations)" },
  { pattern: /process\.kill\(\s*-/, what: "signals a process group (harness/process-group.mjs)" },
  {
    pattern: /\b(?:getPlatformProxy|unstable_startWorker|unstable_dev)\b/,
    what: "starts workerd in this process (harness/: withLocalD1, withWorker)",
  },
];

const ALLOWED = ["harness/", "test/node/harness.", "test/node/one-harness."];
// What the code does counts, not what a comment says about it.
const COMMENT = /^\s*(?:\/\/|\/\*|\*)/;
const CODE = /\.(?:[cm]?[jt]s|tsx)$/;

export type SourceFile = { path: string; text: string };
export type Finding = { file: string; line: number; what: string };

export function findings(files: SourceFile[]): Finding[] {
  const found: Finding[] = [];
  for (const file of files.filter(({ path }) => !ALLOWED.some((prefix) => path.startsWith(prefix)))) {
    file.text.split("\n").forEach((text, index) => {
      if (COMMENT.test(text)) return;
      for (const { pattern, what } of signs) {
        if (pattern.test(text)) found.push({ file: file.path, line: index + 1, what });
      }
    });
  }
  return found;
}

/**
 * Every code file git would track: the tree without the folders and files .gitignore names by name (walked
 * rather than asked of `git ls-files`: CI's fresh machine may have no git). Paths relative to the root.
 */
export function codeFiles(root: string): SourceFile[] {
  // Names only: its globs (*.log) name no code file. "dist/" is ignored at any depth, "bench/.data/" only there.
  const ignored = readFileSync(join(root, ".gitignore"), "utf8")
    .split("\n")
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith("#") && !line.includes("*"))
    .map((line) => ({ name: line.replace(/\/$/, ""), folderOnly: line.endsWith("/") }));
  const skip = (path: string, name: string, isFolder: boolean) =>
    name === ".git" ||
    ignored.some((entry) => (entry.name.includes("/") ? path : name) === entry.name && (isFolder || !entry.folderOnly));
  const files: SourceFile[] = [];
  const walk = (folder: string) => {
    for (const entry of readdirSync(join(root, folder), { withFileTypes: true })) {
      const path = folder ? `${folder}/${entry.name}` : entry.name;
      if (skip(path, entry.name, entry.isDirectory())) continue;
      if (entry.isDirectory()) walk(path);
      else if (entry.isFile() && CODE.test(entry.name)) {
        files.push({ path, text: readFileSync(join(root, path), "utf8") });
      }
    }
  };
  walk("");
  return files;
}
