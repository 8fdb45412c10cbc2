import { Validator, type Schema } from "@cfworker/json-schema";

/** The parts of an OpenAPI 3.1 document the checker reads. */
export type Document = {
  paths: Record<
    string,
    Record<
      string,
      { operationId?: string; responses: Record<string, { content?: Record<string, { schema: Schema }> }> }
    >
  >;
  components?: { schemas?: Record<string, Schema> };
};

export type Answer = { method: string; path: string; status: number; contentType: string | null; body: string };
/** What was checked: the operation (`get /v1/sites/{site}`), or null for a request no operation serves. */
export type Verdict = { operation: string | null; problems: string[] };

const METHODS = new Set(["get", "put", "post", "patch", "delete"]);

/**
 * Checks a response the Worker gave against the document: its status must be one the operation declares,
 * its media type one declared for that status, and a JSON body must validate against the declared JSON
 * Schema (draft 2020-12, as OpenAPI 3.1 uses). A bodiless status must have no body.
 */
export function makeChecker(document: Document) {
  const templates = Object.keys(document.paths)
    .map((template) => ({
      template,
      pattern: new RegExp(`^${template.replace(/[.]/g, "\\.").replace(/\{[^}]+\}/g, "[^/]+")}$`),
      params: (template.match(/\{/g) ?? []).length,
    }))
    // A literal segment wins over a parameter (`/v1/keys/current` over `/v1/keys/{id}`).
    .sort((a, b) => a.params - b.params);
  const validators = new Map<Schema, Validator>();
  const inline = (schema: unknown): unknown => {
    if (Array.isArray(schema)) return schema.map(inline);
    if (!schema || typeof schema !== "object") return schema;
    const ref = (schema as { $ref?: string }).$ref;
    if (ref?.startsWith("#/components/schemas/")) return inline(document.components?.schemas?.[ref.slice(21)]);
    return Object.fromEntries(Object.entries(schema).map(([key, value]) => [key, inline(value)]));
  };
  const validatorOf = (schema: Schema) => {
    let validator = validators.get(schema);
    if (!validator) {
      validator = new Validator(inline(schema) as Schema, "2020-12", false);
      validators.set(schema, validator);
    }
    return validator;
  };

  /** Every operation, as `method path`. */
  const operations = Object.entries(document.paths).flatMap(([path, methods]) =>
    Object.keys(methods)
      .filter((m) => METHODS.has(m))
      .map((m) => `${m} ${path}`),
  );

  function check(answer: Answer): Verdict {
    const method = answer.method.toLowerCase();
    const match = templates.find(
      ({ template, pattern }) => pattern.test(answer.path) && document.paths[template]![method],
    );
    if (!match) return { operation: null, problems: [] };
    const operation = `${method} ${match.template}`;
    const declared = document.paths[match.template]![method]!.responses[String(answer.status)];
    if (!declared) return { operation, problems: [`${operation}: status ${answer.status} is not declared`] };
    if (!declared.content) {
      return {
        operation,
        problems:
          answer.body === ""
            ? []
            : [`${operation} ${answer.status}: declares no body, got ${answer.body.slice(0, 80)}`],
      };
    }
    const mediaType = (answer.contentType ?? "").split(";")[0]!.trim().toLowerCase();
    const content = declared.content[mediaType];
    if (!content)
      return {
        operation,
        problems: [`${operation} ${answer.status}: media type ${mediaType || "(none)"} is not declared`],
      };
    if (mediaType !== "application/json") return { operation, problems: [] };
    let body: unknown;
    try {
      body = JSON.parse(answer.body);
    } catch {
      return { operation, problems: [`${operation} ${answer.status}: the body is not JSON`] };
    }
    const result = validatorOf(content.schema).validate(body);
    const problems = result.errors.map(
      (error) => `${operation} ${answer.status}: ${error.instanceLocation} ${error.error}`,
    );
    return { operation, problems };
  }

  return { check, operations };
}
