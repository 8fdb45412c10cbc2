import { existsSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve, sep } from "node:path";

/**
 * What a reader of the repository on GitHub (or in a clone) can follow: every relative link and `#anchor`
 * in a Markdown file must name a file of the repository and, for an anchor, one of its headings. A link to the
 * web leaves the repository too (the docs stand on their own: a source is cited by name, in text); only the
 * product's own pages on a local `npm run dev` (http://127.0.0.1:8787/…, http://localhost:8787/…) are allowed.
 */
export type Link = { file: string; line: number; target: string };

const FENCE = /^\s*(```|~~~)/;

/** The lines of a Markdown file that are prose: fenced code blocks are blanked, so their `#` and `](` are not read. */
function proseLines(markdown: string): string[] {
  let inFence = false;
  return markdown.split("\n").map((line) => {
    if (FENCE.test(line)) {
      inFence = !inFence;
      return "";
    }
    return inFence ? "" : line;
  });
}

/** A line without its code spans: `[a](b)` inside backticks is text, not a link. */
const withoutCode = (line: string) => line.replace(/(`+)[^`]*?\1/g, "");

/** GitHub's heading anchor: lowercased, punctuation dropped, spaces to hyphens (github-slugger's rule). */
export function slug(heading: string): string {
  const text = heading
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, "$1") // a link or image reads as its text
    .replace(/<[^>]+>/g, "") // inline HTML
    .replace(/[`*~]/g, ""); // code and emphasis marks (underscores stay: they are in identifiers more than emphasis)
  return text
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{M}\p{N}\p{Pc}\- ]/gu, "")
    .replace(/ /g, "-");
}

/** Every anchor a file offers: its headings' slugs (repeats get -1, -2, … as on GitHub) and explicit ids. */
export function anchorsOf(markdown: string): Set<string> {
  const anchors = new Set<string>();
  const seen = new Map<string, number>();
  for (const line of proseLines(markdown)) {
    const heading = /^ {0,3}#{1,6}\s+(.*?)\s*#*\s*$/.exec(line);
    if (heading) {
      const base = slug(heading[1]!);
      const count = seen.get(base) ?? 0;
      seen.set(base, count + 1);
      anchors.add(count === 0 ? base : `${base}-${count}`);
    }
    for (const match of line.matchAll(/<a\s[^>]*(?:id|name)="([^"]+)"/g)) anchors.add(match[1]!);
  }
  return anchors;
}

/** Inline links and images `[text](target)`, autolinks `<scheme:…>` and reference definitions `[id]: target`. */
export function linksOf(file: string, markdown: string): Link[] {
  const links: Link[] = [];
  proseLines(markdown).forEach((raw, index) => {
    const line = withoutCode(raw);
    const add = (target: string) => links.push({ file, line: index + 1, target });
    for (const match of line.matchAll(/\]\(\s*<?([^)\s>]*)>?(?:\s+"[^"]*")?\s*\)/g)) add(match[1]!);
    for (const match of line.matchAll(/<([a-z][a-z0-9+.-]*:[^>\s]+)>/gi)) add(match[1]!);
    const definition = /^ {0,3}\[[^\]]+\]:\s*<?(\S+?)>?(?:\s+["'(].*)?$/.exec(line);
    if (definition) add(definition[1]!);
  });
  return links;
}

const hasScheme = (target: string) => /^[a-z][a-z0-9+.-]*:/i.test(target);
/** The running product (`npm run dev`), which the repository builds: its /docs and /openapi.json. */
const LOCAL_PRODUCT = /^http:\/\/(127\.0\.0\.1|localhost):8787(\/|$)/;

/**
 * Why `link` does not resolve inside the repository at `root`, or null when it does. `ignored` are the
 * top-level folders that are not part of the repository (build output, dependencies).
 */
export function problemOf(root: string, link: Link, ignored: string[] = []): string | null {
  const where = `${link.file}:${link.line}: ${link.target || "(empty)"}`;
  if (!link.target) return `${where}: an empty link`;
  if (hasScheme(link.target)) {
    if (LOCAL_PRODUCT.test(link.target)) return null;
    return `${where}: a link out of the repository; name the source in text, or put what it says in docs/`;
  }
  if (link.target.startsWith("//")) return `${where}: a protocol-relative link leaves the repository`;
  const [pathPart = "", anchor] = link.target.split("#", 2) as [string, string | undefined];
  const path = decodeURIComponent(pathPart.split("?")[0]!);
  if (path.startsWith("/"))
    return `${where}: a root-relative path means another thing on GitHub and in a clone; write it relative to the file`;
  const from = join(root, link.file);
  const target = path === "" ? from : resolve(dirname(from), path);
  const inside = relative(root, target);
  if (inside.startsWith(`..${sep}`) || inside === ".." || resolve(root, inside) !== target)
    return `${where}: leaves the repository`;
  const top = inside.split(sep)[0]!;
  if (ignored.includes(top)) return `${where}: ${top}/ is not part of the repository (it is ignored by git)`;
  if (!existsSync(target)) return `${where}: no such file`;
  if (anchor !== undefined) {
    if (!target.endsWith(".md")) return `${where}: an anchor into a file that is not Markdown`;
    if (!anchorsOf(readFileSync(target, "utf8")).has(decodeURIComponent(anchor)))
      return `${where}: no heading with the anchor #${anchor}`;
  }
  return null;
}

/**
 * The top-level folders `.gitignore` names (`dist/`, `node_modules/`, …): a link into them does not resolve in a
 * clone.
 */
export function ignoredFolders(root: string): string[] {
  const gitignore = existsSync(join(root, ".gitignore")) ? readFileSync(join(root, ".gitignore"), "utf8") : "";
  return gitignore
    .split("\n")
    .map((line) => line.trim())
    .filter((line) => /^\/?[\w.-]+\/$/.test(line))
    .map((line) => line.replace(/^\//, "").replace(/\/$/, ""));
}
