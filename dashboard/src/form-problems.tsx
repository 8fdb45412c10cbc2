import { ApiFailure } from "./api";
import { strings } from "./strings";

/** What went wrong with a form: the API's 422 problems by field, and the rest for the whole form. */
export type Problems = { fields: Record<string, string[]>; general: string[] };

export const NO_PROBLEMS: Problems = { fields: {}, general: [] };

type Options = {
  /** Other paths of a field, e.g. the path parameter `site` for the id input. */
  aliases?: Record<string, string>;
  /** Fields typed one item per line, where `origins.2` means the third line. */
  lines?: string[];
  /** Fields edited as rows, and how a row is called: `prompt.triggers.1.percent` reads "Trigger 2 (percent): …". */
  rows?: Record<string, (n: number) => string>;
};

/**
 * Sorts an API failure's `details` ([{path, message}], CONTRACT: Errors) onto the form's fields: a
 * problem at `origins.2` belongs to the field `origins` and says which line. A field may be a nested path
 * (`prompt.sample`): a problem goes to the longest field its path starts with.
 */
export function problemsOf(
  error: unknown,
  fields: string[],
  { aliases = {}, lines = [], rows = {} }: Options = {},
): Problems {
  if (!(error instanceof ApiFailure))
    return { fields: {}, general: [strings.common.error(error instanceof Error ? error.message : String(error))] };
  const details = Array.isArray(error.details) ? (error.details as { path?: unknown; message?: unknown }[]) : [];
  const problems: Problems = { fields: {}, general: [] };
  for (const detail of details) {
    const path = typeof detail.path === "string" ? detail.path : "";
    const message = typeof detail.message === "string" ? detail.message : error.message;
    const [head = "", ...rest] = path.split(".");
    const parts = [aliases[head] ?? head, ...rest];
    const field = fields
      .filter((name) => parts.slice(0, name.split(".").length).join(".") === name)
      .sort((a, b) => b.length - a.length)[0];
    if (field === undefined) {
      problems.general.push(path ? `${path}: ${message}` : message);
      continue;
    }
    const inside = parts.slice(field.split(".").length);
    const where = inside.join(".");
    const item = /^\d+$/.test(where) ? Number(where) : null;
    let text = where === "" ? message : `${where}: ${message}`;
    if (item !== null) text = lines.includes(field) ? strings.forms.atLine(item + 1, message) : message;
    const row = rows[field];
    if (row && /^\d+$/.test(inside[0] ?? ""))
      text = strings.forms.inRow(row(Number(inside[0]) + 1), inside.slice(1).join("."), message);
    problems.fields[field] ??= [];
    problems.fields[field].push(text);
  }
  if (details.length === 0)
    problems.general.push(error.status === 403 ? strings.forms.forbidden : strings.common.error(error.message));
  return problems;
}

/**
 * The attributes that tie an input to its problems (WCAG 3.3.1): invalid, and described by the
 * message, after the field's hint when it has one.
 */
export function invalidProps(problems: Problems, form: string, field: string, hint?: string) {
  const described = [hint, problems.fields[field] && `${form}-${field}-problem`].filter(Boolean).join(" ");
  return {
    "aria-invalid": problems.fields[field] ? (true as const) : undefined,
    "aria-describedby": described || undefined,
  };
}

/** The problems of one field, next to it. */
export function FieldProblem({ problems, form, field }: { problems: Problems; form: string; field: string }) {
  const messages = problems.fields[field];
  if (!messages) return null;
  return (
    <p id={`${form}-${field}-problem`} class="field-problem">
      {messages.join(" ")}
    </p>
  );
}

/** The problems that belong to no field, at the top of the form; or, when all have a field, that some do. */
export function FormProblems({ problems }: { problems: Problems }) {
  const messages =
    problems.general.length > 0
      ? problems.general
      : Object.keys(problems.fields).length > 0
        ? [strings.forms.checkFields]
        : [];
  return (
    <div role="alert" class={messages.length ? "form-problems" : "form-problems empty"}>
      {messages.map((message) => (
        <p key={message}>{message}</p>
      ))}
    </div>
  );
}
