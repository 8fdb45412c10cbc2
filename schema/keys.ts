import * as z from "zod";
import { Slug } from "./common";

export const KeyInput = z.strictObject({
  name: z.string().trim().min(1).max(200),
  scope: z.enum(["admin", "read"]),
  sites: z.array(Slug).min(1).max(100).nullish(),
});
export type KeyInput = z.infer<typeof KeyInput>;

export const KeyParam = z.object({ id: z.uuid() });

export type ApiKey = { id: string; name: string; scope: "admin" | "read"; sites: string[] | null; prefix: string; createdAt: string };
