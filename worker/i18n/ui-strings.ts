import type { Catalog } from "./catalog";
import { ar } from "./locales/ar";
import { de } from "./locales/de";
import { en } from "./locales/en";
import { es } from "./locales/es";
import { fr } from "./locales/fr";
import { pl } from "./locales/pl";
import { ru } from "./locales/ru";
import { uk } from "./locales/uk";
import { zh } from "./locales/zh";

export type { Catalog, LocaleCatalog, ScaleKind, TopicId } from "./catalog";

/**
 * The widget's words, served with its config so the bundle carries no translations. Add a language
 * by adding a file under locales/ (typed `LocaleCatalog`, so every key is required) and an entry
 * here; a survey's own question and prompt come from its configuration. Keys are language tags as
 * pickLocale matches them: `zh` also serves zh-CN, zh-Hans-CN, zh-SG and so on.
 */
export const CATALOGS: Record<string, Catalog> = { en, ru, pl, zh, de, es, fr, uk, ar };
