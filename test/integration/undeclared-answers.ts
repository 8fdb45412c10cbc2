/**
 * Type-level test, checked by `tsc -p .` (never run): a handler may answer only a status and body its
 * route declares. Each `@ts-expect-error` fails the type check if the line below it stops being an error.
 */
import { createRoute, z } from "@hono/zod-openapi";
import { declare, errors, json, router } from "../../worker/openapi";

const withBody = createRoute({
  method: "get",
  path: "/",
  responses: { 200: json("ok", z.strictObject({ id: z.string() })), ...errors([404]) },
});
const bodiless = createRoute({
  method: "delete",
  path: "/",
  responses: { 204: { description: "gone" }, ...errors([404]) },
});

router()
  .openapi(...declare(withBody, (c) => c.json({ id: "a" }, 200)))
  // @ts-expect-error: 201 is not declared
  .openapi(...declare(withBody, (c) => c.json({ id: "a" }, 201)))
  // @ts-expect-error: the 200 body has no `name`
  .openapi(...declare(withBody, (c) => c.json({ name: "a" }, 200)))
  .openapi(...declare(bodiless, (c) => c.body(null, 204)))
  // @ts-expect-error: hono's own openapi() lets this through for a route with a bodiless status; declare() does not
  .openapi(...declare(bodiless, (c) => c.json({ id: "a" }, 200)))
  // @ts-expect-error: nor an answer without a declared status
  .openapi(...declare(bodiless, (c) => c.body(null, 205)));
