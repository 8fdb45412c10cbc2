import { describe, expect, it } from "vitest";
import { directionOf, pickLocale } from "../../worker/i18n/negotiate";
import { CATALOGS } from "../../worker/i18n/ui-strings";

const LANGUAGES = ["en", "ru", "pl", "zh", "de", "es", "fr", "uk", "ar"];
const english = CATALOGS.en!;
const sortedKeys = (value: object) => Object.keys(value).sort();
const others = Object.entries(CATALOGS).filter(([locale]) => locale !== "en");

describe("UI string catalogs", () => {
  it("has a catalog for every supported language", () => {
    expect(sortedKeys(CATALOGS)).toEqual([...LANGUAGES].sort());
  });

  it.each(others)("%s has exactly the English keys in strings, topics, scale and privacy", (_locale, catalog) => {
    expect(sortedKeys(catalog.strings)).toEqual(sortedKeys(english.strings));
    expect(sortedKeys(catalog.topics)).toEqual(sortedKeys(english.topics));
    expect(sortedKeys(catalog.scale)).toEqual(sortedKeys(english.scale));
    expect(sortedKeys(catalog.privacy)).toEqual(sortedKeys(english.privacy));
  });

  it.each(Object.entries(CATALOGS))("%s counts answers in plural categories its language has", (locale, catalog) => {
    const categories = new Intl.PluralRules(locale).resolvedOptions().pluralCategories;
    for (const [category, noun] of Object.entries(catalog.privacy.answers)) {
      expect(categories).toContain(category);
      expect(noun.trim()).not.toBe("");
    }
  });

  it.each(Object.entries(CATALOGS))("%s has no empty string and two labels per scale", (_locale, catalog) => {
    const texts = [
      ...Object.values(catalog.strings),
      ...Object.values(catalog.topics),
      ...Object.values(catalog.scale).flat(),
    ];
    for (const text of texts) {
      expect(typeof text).toBe("string");
      expect(text.trim()).not.toBe("");
      expect(text).toBe(text.trim());
    }
    for (const ends of Object.values(catalog.scale)) expect(ends).toHaveLength(2);
  });

  it.each(Object.entries(CATALOGS))("%s keeps the {score} placeholder", (_locale, catalog) => {
    expect(catalog.strings.scoreLabel).toContain("{score}");
  });
});

describe("pickLocale over the catalogs", () => {
  const available = Object.keys(CATALOGS);

  it("picks the same language for a regional or script tag", () => {
    expect(pickLocale(["ru-RU"], available)).toBe("ru");
    expect(pickLocale(["ar-EG"], available)).toBe("ar");
    expect(pickLocale(["de-AT"], available)).toBe("de");
    for (const tag of ["zh-Hans-CN", "zh-CN", "zh-Hans", "zh-SG", "zh-TW"])
      expect(pickLocale([tag], available)).toBe("zh");
  });

  it("falls back to English for a language without a catalog, but takes a later preference that has one", () => {
    expect(pickLocale(["pt-BR"], available)).toBe("en");
    expect(pickLocale([], available)).toBe("en");
    expect(pickLocale(["pt-BR", "uk"], available)).toBe("uk");
  });

  it("lays Arabic out right to left and the others left to right", () => {
    for (const locale of available) expect(directionOf(locale)).toBe(locale === "ar" ? "rtl" : "ltr");
  });
});
