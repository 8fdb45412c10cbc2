import { describe, expect, it } from "vitest";
import type { WidgetPrompt } from "../../schema/prompt";
import { allowed, matches, type Memory, type PromptContext } from "../../widget/src/prompt-rules";

const DAY = 86_400_000;
const NOW = Date.parse("2026-03-11T10:00:00Z");

const prompt = (settings: Partial<WidgetPrompt> = {}): WidgetPrompt => ({
  triggers: [{ on: "pageview", delaySeconds: 0 }],
  pages: { include: [], exclude: [] },
  segment: [],
  sample: 100,
  maxDisplays: null,
  recontactDays: 7,
  periodStart: null,
  ...settings,
});
const context = (settings: Partial<WidgetPrompt> = {}, segment: Record<string, string> = {}): PromptContext => ({
  site: "shop",
  survey: "nps",
  audience: settings.periodStart ? "internal" : "external",
  segment,
  prompt: prompt(settings),
});
const memory = (change: Partial<Memory> = {}): Memory => ({ shown: {}, draw: { nps: 50 }, ...change });
const may = (settings: Partial<WidgetPrompt>, remembered: Partial<Memory> = {}, path = "/", segment = {}) =>
  allowed(context(settings, segment), memory(remembered), path, NOW);

describe("path patterns", () => {
  it("`*` is any run of characters, `/` included; everything else is literal and the whole path must match", () => {
    expect(matches("/checkout/*", "/checkout/done")).toBe(true);
    expect(matches("/checkout/*", "/checkout/a/b")).toBe(true);
    expect(matches("/checkout/*", "/checkout")).toBe(false);
    expect(matches("/help*", "/help")).toBe(true);
    expect(matches("/help*", "/helpdesk/x")).toBe(true);
    expect(matches("*", "/anything/at/all")).toBe(true);
    expect(matches("/a.b", "/a.b")).toBe(true);
    expect(matches("/a.b", "/axb")).toBe(false);
    expect(matches("/(x)+[y]", "/(x)+[y]")).toBe(true);
    expect(matches("/docs", "/docs/")).toBe(false);
    expect(matches("*/edit", "/posts/7/edit")).toBe(true);
  });
});

describe("whether a page view may ask", () => {
  it("pages: any include (every page when none) and no exclude", () => {
    expect(may({})).toBe(true);
    expect(may({ pages: { include: ["/checkout/*"], exclude: [] } }, {}, "/checkout/done")).toBe(true);
    expect(may({ pages: { include: ["/checkout/*"], exclude: [] } }, {}, "/cart")).toBe(false);
    expect(may({ pages: { include: [], exclude: ["/admin*"] } }, {}, "/admin/users")).toBe(false);
    expect(may({ pages: { include: ["*"], exclude: ["/checkout/pay"] } }, {}, "/checkout/pay")).toBe(false);
  });

  it("segment: every rule holds; a missing dimension fails eq and passes ne", () => {
    const pro = [{ dimension: "plan", op: "eq" as const, value: "pro" }];
    const notFree = [{ dimension: "plan", op: "ne" as const, value: "free" }];
    expect(may({ segment: pro }, {}, "/", { plan: "pro" })).toBe(true);
    expect(may({ segment: pro }, {}, "/", { plan: "free" })).toBe(false);
    expect(may({ segment: pro }, {}, "/", {})).toBe(false);
    expect(may({ segment: notFree }, {}, "/", {})).toBe(true);
    expect(may({ segment: notFree }, {}, "/", { plan: "free" })).toBe(false);
    expect(may({ segment: [...pro, { dimension: "region", op: "eq", value: "eu" }] }, {}, "/", { plan: "pro" })).toBe(
      false,
    );
  });

  it("sample: asks when the browser's draw is below it", () => {
    expect(may({ sample: 50.5 }, { draw: { nps: 50 } })).toBe(true);
    expect(may({ sample: 50 }, { draw: { nps: 50 } })).toBe(false);
    expect(may({ sample: 0 }, { draw: { nps: 0 } })).toBe(false);
    expect(may({ sample: 100 }, { draw: { nps: 99.99 } })).toBe(true);
  });

  it("external sites: no prompt within recontactDays of the last answer or dismissal", () => {
    expect(may({ recontactDays: 7 }, { done: NOW - 6 * DAY })).toBe(false);
    expect(may({ recontactDays: 7 }, { done: NOW - 7 * DAY - 1 })).toBe(true);
    expect(may({ recontactDays: 0 }, { done: NOW - 1 })).toBe(true);
  });

  it("internal sites: once answered or dismissed in the open period, not again until the next one", () => {
    const periodStart = "2026-03-09T00:00:00.000Z";
    expect(may({ periodStart, recontactDays: 30 }, { done: Date.parse(periodStart) - 1 })).toBe(true);
    expect(may({ periodStart, recontactDays: 0 }, { done: Date.parse(periodStart) })).toBe(false);
    expect(may({ periodStart }, { done: NOW - 60_000 })).toBe(false);
  });

  it("maxDisplays: none after this browser was prompted that many times for this survey", () => {
    expect(may({ maxDisplays: 2 }, { shown: { nps: 1 } })).toBe(true);
    expect(may({ maxDisplays: 2 }, { shown: { nps: 2 } })).toBe(false);
    expect(may({ maxDisplays: 2 }, { shown: { csat: 5 } })).toBe(true);
    expect(may({ maxDisplays: null }, { shown: { nps: 1000 } })).toBe(true);
  });
});
