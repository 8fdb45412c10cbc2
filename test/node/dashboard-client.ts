import { posix } from "node:path";
import ts from "typescript";

/**
 * Issue 12, item 4: the dashboard reaches the API only through `hc<AppType>` and takes the API's shapes only
 * from it. Each rule names what a reader is shown when a file breaks it.
 */
export type Rule = "schema import" | "worker import" | "direct fetch" | "hand-built URL" | "hand-written shape";
export type Violation = { file: string; rule: Rule; text: string; why: string };
export type SourceFile = { path: string; text: string };
/** An API object's property names, by the name of the schema in schema/ that declares it. */
export type Shapes = Map<string, ReadonlySet<string>>;

const WHY: Record<Rule, string> = {
  "schema import": "the API's shapes come from the typed client (api-types.ts), not from schema/",
  "worker import": "only `import type { AppType }` from worker/app: any other import would bundle Worker code",
  "direct fetch": "calls go through `client` (api.ts), which sends the key and turns errors into ApiFailure",
  "hand-built URL": "the client builds the API's URLs from the route declarations",
  "hand-written shape": "a copy of an API shape drifts from it: infer it from the client (api-types.ts)",
};

/** Fewer shared names than this is a coincidence (`{ site, kind }` filters), not a copy of a shape. */
const MIN_COPIED_PROPERTIES = 3;

// `/v1/sites`, `/v1?x`, `${origin}/v1/keys`: a path of the API spelt out by hand (not `/v10`).
const API_PATH = /\/v1(\/|\?|$)/;

/** `../../schema/inbox` from dashboard/src/inbox/x.ts is schema/inbox (extension dropped); null for a package. */
function resolve(file: string, specifier: string): string | null {
  if (!specifier.startsWith(".")) return null;
  return posix.normalize(posix.join(posix.dirname(file), specifier)).replace(/\.(tsx?|m?js)$/, "");
}
const within = (path: string | null, folder: string) =>
  path !== null && (path === folder || path.startsWith(`${folder}/`));

type Import = { specifier: string; typeOnly: boolean; names: string[] };

// `import { type AppType }` is not enough: under verbatimModuleSyntax it stays as `import {} from`, which
// esbuild follows into the Worker.
function importViolation(file: string, { specifier, typeOnly, names }: Import): Rule | null {
  const target = resolve(file, specifier);
  if (within(target, "schema")) return "schema import";
  if (!within(target, "worker")) return null;
  return target === "worker/app" && typeOnly && names.join() === "AppType" ? null : "worker import";
}

/** What an import or re-export declaration takes (a re-export counts as a value import). */
function importOf(node: ts.ImportDeclaration | ts.ExportDeclaration, specifier: string): Import {
  if (!ts.isImportDeclaration(node)) return { specifier, typeOnly: false, names: [] };
  const clause = node.importClause;
  const bindings = clause?.namedBindings;
  const named = bindings && ts.isNamedImports(bindings) ? bindings.elements.map((element) => element.name.text) : [];
  return { specifier, typeOnly: clause?.isTypeOnly ?? false, names: clause?.name ? ["default", ...named] : named };
}

/** The property names a type literal or an interface declares (methods and index signatures aside). */
const propertyNames = (members: ts.NodeArray<ts.TypeElement>) =>
  members.flatMap((member) => {
    const named = ts.isPropertySignature(member) && !ts.isComputedPropertyName(member.name);
    return named ? [member.name.text] : [];
  });

/** The schema a set of property names copies: the first whose object has them all. */
function copiedShape(names: string[], shapes: Shapes): string | null {
  if (names.length < MIN_COPIED_PROPERTIES) return null;
  for (const [schema, keys] of shapes) if (names.every((name) => keys.has(name))) return schema;
  return null;
}

const GLOBAL = /^(window|globalThis|self)$/;
const isFetch = (callee: ts.Expression) =>
  (ts.isIdentifier(callee) && callee.text === "fetch") ||
  (ts.isPropertyAccessExpression(callee) && callee.name.text === "fetch" && GLOBAL.test(callee.expression.getText()));
const isText = (node: ts.Node): node is ts.StringLiteral | ts.TemplateLiteralToken =>
  ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node) || ts.isTemplateLiteralToken(node);

export function violations(files: SourceFile[], shapes: Shapes): Violation[] {
  const found: Violation[] = [];
  for (const { path, text } of files) {
    const kind = path.endsWith("x") ? ts.ScriptKind.TSX : ts.ScriptKind.TS;
    const source = ts.createSourceFile(path, text, ts.ScriptTarget.Latest, true, kind);
    const report = (node: ts.Node, rule: Rule, detail = "") => {
      const line = node.getText(source).split("\n")[0]!.slice(0, 120);
      found.push({ file: path, rule, text: line, why: detail ? `${WHY[rule]} (${detail})` : WHY[rule] });
    };
    const visit = (node: ts.Node): void => {
      if ((ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) && node.moduleSpecifier) {
        const specifier = (node.moduleSpecifier as ts.StringLiteral).text;
        const rule = importViolation(path, importOf(node, specifier));
        if (rule) report(node, rule);
        return; // its specifier is no URL
      }
      if (ts.isCallExpression(node)) {
        const [first] = node.arguments;
        if (node.expression.kind === ts.SyntaxKind.ImportKeyword && first && ts.isStringLiteral(first)) {
          const rule = importViolation(path, { specifier: first.text, typeOnly: false, names: [] });
          if (rule) report(node, rule);
        }
        if (isFetch(node.expression)) report(node, "direct fetch");
      }
      const xhr = ts.isNewExpression(node) && node.expression.getText(source) === "XMLHttpRequest";
      if (xhr) report(node, "direct fetch");
      if (isText(node) && API_PATH.test(node.text)) report(node, "hand-built URL");
      if (ts.isTypeLiteralNode(node) || ts.isInterfaceDeclaration(node)) {
        const schema = copiedShape(propertyNames(node.members), shapes);
        if (schema) report(node, "hand-written shape", `schema/ ${schema}`);
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  return found;
}
