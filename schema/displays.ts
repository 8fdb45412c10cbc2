import * as z from "zod";
import { Slug } from "./common";

/**
 * `POST /v1/displays`: which survey was shown, and nothing else. Strict, so that nothing about the visitor
 * (a segment, the page, an id) can ride along: an unknown field is a 422, not silently kept.
 */
export const DisplayInput = z
  .strictObject({ site: Slug, survey: Slug })
  .meta({ description: "The survey the widget showed; no field about the visitor is accepted" });
export type DisplayInput = z.infer<typeof DisplayInput>;
