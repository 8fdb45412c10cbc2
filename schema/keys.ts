import * as z from "zod";
import { Slug, Timestamp } from "./common";

export const KeyInput = z.strictObject({
  name: z.string().trim().min(1).max(200),
  scope: z.enum(["admin", "read"]),
  sites: z.array(Slug).min(1).max(100).nullish(),
});
export type KeyInput = z.infer<typeof KeyInput>;

export const KeyParam = z.object({ id: z.uuid() });

export const KeyScope = z.enum(["admin", "read"]);

/** A key as listed: never the key, only its first characters (`prefix`) to recognise it by. */
export const ApiKey = z.strictObject({
  id: z.string(),
  name: z.string(),
  scope: KeyScope,
  sites: z.array(z.string()).nullable(),
  prefix: z.string(),
  createdAt: Timestamp,
});
export type ApiKey = z.infer<typeof ApiKey>;
export const KeyList = z.strictObject({ items: z.array(ApiKey) });
/** `POST /v1/keys`: the key itself, shown this once. */
export const KeyCreated = ApiKey.extend({ key: z.string() });
/** `GET /v1/keys/current`: what the calling credential may do (`sites: null`: every site). */
export const CurrentKey = z.strictObject({ scope: KeyScope, sites: z.array(z.string()).nullable() });
export type CurrentKey = z.infer<typeof CurrentKey>;
