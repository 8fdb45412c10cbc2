import { describe, expect, it } from "vitest";
import type { ReportingPeriod } from "../../schema/common";
import type { Site } from "../../schema/config";
import { privacyNotice } from "../../worker/i18n/privacy-notice";
import { CATALOGS } from "../../worker/i18n/ui-strings";

type Settings = Pick<Site, "audience" | "minGroupSize" | "reportingPeriod" | "identity">;

const PERIODS: ReportingPeriod[] = ["day", "week", "month", "quarter"];
const VERIFIED = { verify: "token", secretSet: true, ballot: "month" } as const;
const internal = (settings: Partial<Settings> = {}): Settings => ({
  audience: "internal",
  minGroupSize: 5,
  reportingPeriod: "week",
  identity: null,
  ...settings,
});
const notice = (locale: string, settings: Partial<Settings> = {}) =>
  privacyNotice(locale, CATALOGS[locale]!, internal(settings))!;
const locales = Object.keys(CATALOGS);

describe("privacyNotice: what an internal survey tells employees", () => {
  it("reads, in English, as the issue's example: the group size, the period and what is not kept", () => {
    expect(notice("en")).toEqual({
      anonymity:
        "Anonymous: results are shown only for groups of at least 5\u00a0answers, after each week ends; " +
        "no name, email or IP address is kept.",
      deletion:
        "Deleting your answer removes it completely until the results for its week are out. " +
        "After that, deleting removes your comment and this conversation, but your score stays in the group figures.",
    });
  });

  it("is none for an external site, whose answers are neither held back nor grouped", () => {
    for (const locale of locales) {
      expect(privacyNotice(locale, CATALOGS[locale]!, internal({ audience: "external" }))).toBeNull();
    }
  });

  it.each(locales)("%s: the minimum group size is in the sentence, in the language's digits", (locale) => {
    for (const minGroupSize of [3, 5, 7, 21, 1000]) {
      const { anonymity } = notice(locale, { minGroupSize });
      expect(anonymity).toContain(`${new Intl.NumberFormat(locale).format(minGroupSize)}\u00a0`);
      expect(anonymity).not.toMatch(/undefined|NaN|null|\{|\}|\$/);
    }
  });

  it.each(locales)("%s: each reporting period reads differently, in both sentences", (locale) => {
    const notices = PERIODS.map((reportingPeriod) => notice(locale, { reportingPeriod }));
    expect(new Set(notices.map((n) => n.anonymity)).size).toBe(PERIODS.length);
    expect(new Set(notices.map((n) => n.deletion)).size).toBe(PERIODS.length);
  });

  it.each(locales)("%s: a verified identity is mentioned, and the rest of the sentence stays", (locale) => {
    const plain = notice(locale).anonymity;
    const verified = notice(locale, { identity: VERIFIED }).anonymity;
    expect(verified).not.toBe(plain);
    expect(verified.length).toBeGreaterThan(plain.length);
  });

  it.each(locales.filter((locale) => locale !== "en"))("%s is translated, not English", (locale) => {
    const { anonymity, deletion } = notice(locale);
    expect(anonymity).not.toBe(notice("en").anonymity);
    expect(deletion).not.toMatch(/\b(the|your|answer)\b/);
  });

  it("counts with the noun form the number takes (Intl.PluralRules)", () => {
    const counted = (locale: string, minGroupSize: number) => notice(locale, { minGroupSize }).anonymity;
    // Russian and Ukrainian: genitive after «из» / «з»: singular after 21, plural after 3, 5, 11.
    expect(counted("ru", 21)).toContain("из 21\u00a0ответа,");
    for (const k of [3, 5, 11]) expect(counted("ru", k)).toContain(`из ${k}\u00a0ответов,`);
    expect(counted("uk", 21)).toContain("з 21\u00a0відповіді,");
    for (const k of [3, 5, 12]) expect(counted("uk", k)).toContain(`з ${k}\u00a0відповідей,`);
    // Polish: the same form for 2–4 and 5+ after «co najmniej».
    for (const k of [3, 5, 22]) expect(counted("pl", k)).toContain(`co najmniej ${k}\u00a0odpowiedzi,`);
    // Arabic: a plural noun from 3 to 10, a singular one from 11 on.
    expect(counted("ar", 5)).toContain("من 5\u00a0إجابات على الأقل");
    expect(counted("ar", 11)).toContain("من 11\u00a0إجابة على الأقل");
    expect(counted("ar", 100)).toContain("من 100\u00a0إجابة على الأقل");
    expect(counted("de", 5)).toContain("ab 5\u00a0Antworten");
    expect(counted("es", 5)).toContain("al menos 5\u00a0respuestas");
    expect(counted("fr", 5)).toContain("d’au moins 5\u00a0réponses");
    expect(counted("zh", 5)).toContain("不少于 5\u00a0条回答");
    // Grouping follows the language: 1.000 in German, 1 000 (a narrow no-break space) in French.
    expect(counted("de", 1000)).toContain("ab 1.000\u00a0Antworten");
    expect(counted("fr", 1000)).toContain("d’au moins 1\u202f000\u00a0réponses");
  });

  it("is made from the settings alone: a site's name, dimensions and teams never appear, and do not change it", () => {
    const settings = internal({ minGroupSize: 4, reportingPeriod: "month" });
    for (const locale of locales) {
      const legal = { ...settings, id: "legal", name: "Legal and HR", dimensions: ["team", "role"] } as Settings;
      const other = { ...settings, id: "sales-intranet", name: "Sales", dimensions: ["office"] } as Settings;
      const text = privacyNotice(locale, CATALOGS[locale]!, legal)!;
      expect(text).toEqual(privacyNotice(locale, CATALOGS[locale]!, other));
      expect(`${text.anonymity} ${text.deletion}`).not.toMatch(/legal|hr\b|sales|team|role|office/i);
    }
  });
});
