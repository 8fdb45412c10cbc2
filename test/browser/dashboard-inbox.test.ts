import type { Page } from "playwright-core";
import { describe, expect, test } from "vitest";
import { strings } from "../../dashboard/src/strings";
import { answerInClosedWeeks, respondAs, weekStart } from "./closed-periods";
import { admin, axeViolations, env, focusMovesTo, queryD1, seedSurvey, uid, useBrowser } from "./helpers";

const browser = useBrowser();

type Thread = { status: string; replies: number; thread: { from: string; text: string }[] };

let visitor = 0;
/** Answers as a visitor of the site would (its Origin), each from another address: 20 a minute each is the limit. */
async function respond(site: string, survey: string, answer: { score: number; comment?: string }): Promise<string> {
  const response = await fetch(`${env().workerUrl}/v1/responses`, {
    method: "POST",
    headers: {
      "content-type": "application/json",
      origin: env().pageOrigin,
      "cf-connecting-ip": `198.51.100.${(visitor++ % 250) + 1}`,
    },
    body: JSON.stringify({ site, survey, ...answer }),
  });
  if (response.status !== 201) throw new Error(`POST /v1/responses → ${response.status} ${await response.text()}`);
  return ((await response.json()) as { id: string }).id;
}

/** Signs in at /admin/ by typing the key, as a person would. */
async function signIn(page: Page, key = env().adminToken): Promise<void> {
  await page.goto(`${env().workerUrl}/admin/`);
  await page.getByLabel(strings.signIn.label).fill(key);
  await page.getByRole("button", { name: strings.signIn.submit }).click();
  await page.getByRole("navigation", { name: "Sections" }).waitFor();
}

/** The inbox, filtered to one site with the filter form. */
async function openInbox(page: Page, site: string): Promise<void> {
  await page.getByRole("link", { name: strings.nav.inbox }).click();
  const filters = page.getByRole("search", { name: strings.inbox.filtersLabel });
  await filters.getByLabel(strings.inbox.site, { exact: true }).selectOption(site);
  await page.getByText(strings.inbox.shown(1, false)).waitFor();
}

const detailOf = (page: Page) => page.locator("section.inbox-detail");

describe("dashboard: the inbox", () => {
  test("a status change and a reply show at once, stay after a reload, and reach the API", async () => {
    const { site, survey } = await seedSurvey({ kind: "nps" });
    const id = await respond(site, survey, { score: 3, comment: "The checkout was slow" });
    const page = await browser.newPage();
    await signIn(page);
    await openInbox(page, site);

    const item = page.getByRole("button", { name: /The checkout was slow/ });
    await item.click();
    const detail = detailOf(page);
    await focusMovesTo(detail.getByRole("heading", { name: "NPS 3 of 10" }));
    await detail.getByRole("combobox", { name: strings.inbox.status }).selectOption("resolved");
    await detail.getByText(strings.inbox.statusSaved(strings.inbox.statuses.resolved)).waitFor();
    await item.getByText(strings.inbox.statuses.resolved).waitFor(); // the list too, without a reload

    await detail.getByRole("textbox", { name: strings.inbox.replyLabel }).fill("Sorry! It is fixed now.");
    await detail.getByRole("button", { name: strings.inbox.send }).click();
    await detail.getByRole("listitem").filter({ hasText: "Sorry! It is fixed now." }).waitFor();
    await item.getByText(strings.inbox.replyCount(1)).waitFor();
    expect(await detail.getByRole("textbox", { name: strings.inbox.replyLabel }).inputValue()).toBe("");

    const stored = await admin<Thread>("GET", `/v1/responses/${id}`);
    expect(stored.status).toBe("resolved");
    expect(stored.thread).toEqual([{ from: "team", text: "Sorry! It is fixed now.", at: expect.any(String) }]);

    // The hash keeps the filters and the open answer; sessionStorage keeps the key.
    await page.reload();
    await detailOf(page).getByRole("heading", { name: "NPS 3 of 10" }).waitFor();
    expect(await detailOf(page).getByRole("combobox", { name: strings.inbox.status }).inputValue()).toBe("resolved");
    await detailOf(page).getByText("Sorry! It is fixed now.").waitFor();
    await page
      .getByRole("button", { name: /The checkout was slow/ })
      .getByText(strings.inbox.statuses.resolved)
      .waitFor();

    // The status filter follows the change.
    const filters = page.getByRole("search", { name: strings.inbox.filtersLabel });
    await filters.getByLabel(strings.inbox.status, { exact: true }).selectOption("new");
    await page.getByText(strings.inbox.emptyFiltered).waitFor();
    await filters.getByLabel(strings.inbox.status, { exact: true }).selectOption("resolved");
    await page.getByText(strings.inbox.shown(1, false)).waitFor();
  });

  test("an employee's answer shows its week and its group (“several” for merged teams), never a time, language or page; this week's is not listed", async () => {
    const site = uid("intranet");
    const origin = `https://${site}.example`;
    const config = {
      name: `Intranet ${site}`,
      audience: "internal",
      origins: [origin],
      dimensions: ["team"],
      minGroupSize: 5,
      reportingPeriod: "week",
      timeZone: "UTC",
    };
    await admin("PUT", `/v1/sites/${site}`, config);
    await admin("PUT", `/v1/sites/${site}/surveys/pulse`, { kind: "nps", question: { en: "How was your week?" } });
    // Last week: eng (5) is a group of its own; sales (3) and legal (2) only together, as team "several".
    const legalComment = `The contract review took a month ${site}`;
    const engComment = `Good onboarding ${site}`;
    await answerInClosedWeeks(site, config, origin, [
      [
        ...[9, 10, 8, 7, 9].map((score, i) => ({
          survey: "pulse",
          score,
          segment: { team: "eng" },
          ...(i === 0 ? { comment: engComment } : {}),
        })),
        ...[6, 9, 10].map((score) => ({ survey: "pulse", score, segment: { team: "sales" } })),
        { survey: "pulse", score: 3, segment: { team: "legal" }, comment: legalComment },
        { survey: "pulse", score: 10, segment: { team: "legal" } },
      ],
    ]);
    const openComment = `Said this week ${site}`;
    await respondAs(site, origin, {
      survey: "pulse",
      score: 1,
      segment: { team: "legal" },
      comment: openComment,
      locale: "pl",
      page: `${origin}/people/anna`,
    });

    // axe is injected as an inline script: the dashboard's CSP would refuse it, so this context bypasses CSP.
    const page = await browser.newPage({ bypassCSP: true });
    await signIn(page);
    await page.getByRole("link", { name: strings.nav.inbox }).click();
    await page
      .getByRole("search", { name: strings.inbox.filtersLabel })
      .getByLabel(strings.inbox.site, { exact: true })
      .selectOption(site);
    await page.getByText(strings.inbox.shown(10, false)).waitFor();

    const week = strings.release.weekOf(
      new Intl.DateTimeFormat("en", { day: "numeric", month: "short", timeZone: "UTC" }).format(
        new Date(weekStart() - 7 * 86_400_000),
      ),
    );
    const legal = page.getByRole("button", { name: new RegExp(legalComment) });
    await legal.getByText(`team: ${strings.release.several}`).waitFor();
    await legal.getByText(week, { exact: false }).waitFor();
    await page
      .getByRole("button", { name: new RegExp(engComment) })
      .getByText("team: eng")
      .waitFor();
    const list = (await page.locator(".inbox-list").textContent()) ?? "";
    expect(list).not.toMatch(/\d{1,2}:\d{2}/); // no time of day on any row
    expect(list).not.toContain("legal");
    expect(list).not.toContain("sales");
    expect(list).not.toContain(openComment);

    await legal.click();
    const detail = detailOf(page);
    await detail.getByRole("heading", { name: "NPS 3 of 10" }).waitFor();
    const facts = detail.locator(".detail-facts");
    await facts.getByText(strings.inbox.period, { exact: true }).waitFor();
    await facts.getByText(week, { exact: true }).waitFor();
    await facts.getByText(`team: ${strings.release.several}`, { exact: true }).waitFor();
    expect(await facts.getByText(strings.inbox.locale, { exact: true }).count()).toBe(0);
    expect(await facts.getByText(strings.inbox.page, { exact: true }).count()).toBe(0);
    await detail.getByText(strings.inbox.released(5)).waitFor();
    expect(await axeViolations(page)).toEqual([]);
    // This week's answer, even looked for by its own filters, is not there yet: only its count, in the period line.
    await page.getByRole("search", { name: strings.inbox.filtersLabel }).getByLabel(strings.inbox.maxScore).fill("1");
    await page
      .getByRole("search", { name: strings.inbox.filtersLabel })
      .getByLabel(strings.inbox.maxScore)
      .press("Tab");
    await page.getByText(strings.inbox.emptyFiltered).waitFor();
    await page.getByText(new RegExp(`^Intranet ${site}: 1 answer so far this week`)).waitFor();
  });

  test("Load more reads the next page by cursor, newest first, none twice", async () => {
    const { site, survey } = await seedSurvey({ kind: "nps" });
    for (let i = 0; i < 53; i++) await respond(site, survey, { score: i % 11, comment: `Answer number ${i}` });
    const page = await browser.newPage();
    await signIn(page);
    await page.getByRole("link", { name: strings.nav.inbox }).click();
    await page
      .getByRole("search", { name: strings.inbox.filtersLabel })
      .getByLabel(strings.inbox.site, { exact: true })
      .selectOption(site);
    await page.getByText(strings.inbox.shown(50, true)).waitFor();
    const comments = page.locator(".inbox-comment");

    await page.getByRole("button", { name: strings.inbox.loadMore }).click();
    await page.getByText(strings.inbox.shown(53, false)).waitFor();
    expect(await page.getByRole("button", { name: strings.inbox.loadMore }).count()).toBe(0);
    // Newest first; two answers stored in the same millisecond may come in either order (ties go by id).
    const numbers = (await comments.allTextContents()).map((text) => Number(text.replace("Answer number ", "")));
    expect(new Set(numbers).size).toBe(53);
    expect(numbers[0]).toBeGreaterThan(numbers[52]!);
    expect([...numbers].sort((a, b) => b - a)).toEqual(Array.from({ length: 53 }, (_, i) => 52 - i));
  });

  test("a comment holding markup shows as text: no <img>, no dialog", async () => {
    const { site, survey } = await seedSurvey({ kind: "csat" });
    const markup = "<img src=x onerror=alert(1)>";
    await respond(site, survey, { score: 1, comment: markup });
    const page = await browser.newPage();
    const dialogs: string[] = [];
    page.on("dialog", (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    await signIn(page);
    await openInbox(page, site);

    await page.getByRole("button", { name: markup }).waitFor();
    await page.getByRole("button", { name: markup }).click();
    await detailOf(page).getByText(markup, { exact: true }).waitFor();
    await page.waitForTimeout(500); // an onerror would have fired by now
    expect(await page.locator("main img").count()).toBe(0);
    expect(dialogs).toEqual([]);
  });

  test("a read key sees the inbox and the configuration without a control that writes", async () => {
    const { site, survey } = await seedSurvey({ kind: "nps" });
    await respond(site, survey, { score: 9, comment: "Lovely" });
    const { key } = await admin<{ key: string }>("POST", "/v1/keys", { name: uid("reader"), scope: "read" });
    const page = await browser.newPage();
    await signIn(page, key);
    await openInbox(page, site);

    await page.getByRole("button", { name: /Lovely/ }).click();
    const detail = detailOf(page);
    await detail.getByRole("heading", { name: "NPS 9 of 10" }).waitFor();
    await detail.getByText(strings.inbox.statuses.new, { exact: true }).waitFor();
    expect(await detail.getByRole("combobox").count()).toBe(0);
    expect(await detail.getByRole("textbox").count()).toBe(0);
    expect(await detail.getByRole("button", { name: strings.inbox.send }).count()).toBe(0);
    // Exporting only reads: it stays.
    await page.getByRole("button", { name: strings.inbox.exportCsv }).waitFor();

    await page.getByRole("link", { name: strings.nav.config }).click();
    await page.getByText(strings.config.readOnly).waitFor();
    await page
      .getByRole("heading", { name: new RegExp(site) })
      .first()
      .waitFor();
    for (const name of [
      strings.config.newSite,
      strings.config.newService,
      strings.config.newSurvey,
      new RegExp(`^${strings.config.edit}`),
    ]) {
      expect(await page.getByRole("button", { name }).count()).toBe(0);
    }
  });

  test("the CSV export downloads the filtered rows with the key in a header, not the URL", async () => {
    const { site, survey } = await seedSurvey({ kind: "nps" });
    await respond(site, survey, { score: 10, comment: 'Exported, with a comma, and "quotes"' });
    const page = await browser.newPage({ acceptDownloads: true });
    const exportUrls: string[] = [];
    page.on(
      "request",
      (request) => void (request.url().includes("/v1/responses.csv") && exportUrls.push(request.url())),
    );
    await signIn(page);
    await openInbox(page, site);

    const download = page.waitForEvent("download");
    await page.getByRole("button", { name: strings.inbox.exportCsv }).click();
    const file = await download;
    expect(file.suggestedFilename()).toMatch(/^feedloop-responses-\d{4}-\d{2}-\d{2}\.csv$/);
    const text = await (await file.createReadStream())
      .toArray()
      .then((chunks) => Buffer.concat(chunks).toString("utf8"));
    expect(text.split("\r\n")[0]).toMatch(/^id,createdAt,site,survey/);
    expect(text).toContain('"Exported, with a comma, and ""quotes"""');
    expect(text.trim().split("\r\n")).toHaveLength(2);
    expect(exportUrls).toEqual([`${env().workerUrl}/v1/responses.csv?site=${site}`]);
  });
});

describe("dashboard: configuration", () => {
  test("editing a site's origins saves them, shows the API's field problems, and keeps Turnstile and identity", async () => {
    const site = uid("site");
    const tokenSecret = `secret-${"x".repeat(40)}`;
    await admin("PUT", `/v1/sites/${site}`, {
      name: `Config ${site}`,
      audience: "internal",
      origins: [env().pageOrigin],
      dimensions: ["team"],
      turnstile: { siteKey: "0x4AAAAAAA-site-key", secretKey: "0x4AAAAAAA-secret" },
      identity: { verify: "token", secret: tokenSecret, ballot: "week" },
    });
    const page = await browser.newPage();
    await signIn(page);
    await page.getByRole("link", { name: strings.nav.config }).click();
    await page.getByRole("button", { name: `${strings.config.edit} Config ${site}` }).click();

    const form = page.getByRole("form", { name: strings.config.editSite(`Config ${site}`) });
    await focusMovesTo(form.getByRole("textbox", { name: strings.config.name, exact: true }));
    const origins = form.getByRole("textbox", { name: strings.config.origins });
    await origins.fill(`${env().pageOrigin}\nhttps://intranet.example/path`);
    await form.getByRole("button", { name: strings.common.save }).click();
    // The API's 422 problem at origins.1, next to the field it belongs to.
    await form.getByText(/^Line 2: must be an origin only/).waitFor();
    expect(await origins.getAttribute("aria-invalid")).toBe("true");

    await origins.fill(`${env().pageOrigin}\nhttps://intranet.example`);
    await form.getByRole("button", { name: strings.common.save }).click();
    await page.getByText(strings.config.savedSite(`Config ${site}`)).waitFor();
    await page.getByRole("listitem").filter({ hasText: "https://intranet.example" }).first().waitFor();

    const saved = await admin<{ origins: string[]; turnstile: unknown; identity: unknown }>("GET", `/v1/sites/${site}`);
    expect(saved.origins).toEqual([env().pageOrigin, "https://intranet.example"]);
    expect(saved.turnstile).toEqual({ siteKey: "0x4AAAAAAA-site-key" });
    expect(saved.identity).toEqual({ verify: "token", secretSet: true, ballot: "week" });
    // The write-only secrets were never shown to the form, and are still the ones set before.
    const [row] = await queryD1<{ turnstile_secret: string; identity: string }>(
      `SELECT turnstile_secret, identity FROM sites WHERE id = '${site}'`,
    );
    expect(row!.turnstile_secret).toBe("0x4AAAAAAA-secret");
    expect(JSON.parse(row!.identity).secret).toBe(tokenSecret);
  });

  test("editing a site's accepted values and its cap per dimension saves them, with the API's problems", async () => {
    const site = uid("site");
    await admin("PUT", `/v1/sites/${site}`, {
      name: `Values ${site}`,
      audience: "external",
      origins: [env().pageOrigin],
      dimensions: ["plan", "region"],
    });
    const page = await browser.newPage();
    await signIn(page);
    await page.getByRole("link", { name: strings.nav.config }).click();
    await page.getByRole("button", { name: `${strings.config.edit} Values ${site}` }).click();
    const form = page.getByRole("form", { name: strings.config.editSite(`Values ${site}`) });
    const values = form.getByRole("textbox", { name: strings.config.dimensionValues });
    const cap = form.getByRole("spinbutton", { name: strings.config.maxDimensionValues });
    expect(await cap.inputValue()).toBe("100");

    await values.fill("tier: gold");
    await form.getByRole("button", { name: strings.common.save }).click();
    await form.getByText(/tier: not one of the site's dimensions/).waitFor();
    expect(await values.getAttribute("aria-invalid")).toBe("true");

    await values.fill("plan: free, pro , team");
    await cap.fill("25");
    await form.getByRole("button", { name: strings.common.save }).click();
    await page.getByText(strings.config.savedSite(`Values ${site}`)).waitFor();
    await page.getByText("plan: free, pro, team").waitFor();
    await page.getByText(`region: ${strings.config.anyValues(25)}`).waitFor();
    const saved = await admin<{ dimensionValues: unknown; maxDimensionValues: number }>("GET", `/v1/sites/${site}`);
    expect(saved).toMatchObject({ dimensionValues: { plan: ["free", "pro", "team"] }, maxDimensionValues: 25 });
  });

  test("each survey shows its embed snippet, with the site's segment attributes to fill in, and Copy puts it on the clipboard", async () => {
    const { site, survey } = await seedSurvey({ kind: "nps", site: { dimensions: ["plan", "customerType"] } });
    const page = await browser.newPage({ permissions: ["clipboard-read", "clipboard-write"] });
    await signIn(page);
    await page.getByRole("link", { name: strings.nav.config }).click();
    await page.getByLabel(strings.config.surveysOf).selectOption(site);

    const card = page
      .getByRole("listitem")
      .filter({ has: page.getByRole("heading", { name: new RegExp(`^${survey}`) }) });
    const snippet =
      `<script src="${env().workerUrl}/widget.js" data-site="${site}" data-survey="${survey}" ` +
      `data-segment-plan="" data-segment-customer-type="" async></script>`;
    await card.getByText(snippet, { exact: true }).waitFor();
    await card.getByRole("button", { name: strings.common.copy }).click();
    await card.getByText(strings.common.copied).waitFor();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(snippet);
  });

  test("a new survey with its question in two languages; a language row removed before saving", async () => {
    const { site } = await seedSurvey({ kind: "nps" });
    const survey = uid("survey");
    const page = await browser.newPage();
    await signIn(page);
    await page.getByRole("link", { name: strings.nav.config }).click();
    await page.getByLabel(strings.config.surveysOf).selectOption(site);
    await page.getByRole("button", { name: strings.config.newSurvey }).click();

    const form = page.getByRole("form", { name: strings.config.newSurvey });
    const idField = form.getByRole("textbox", { name: strings.config.id });
    await focusMovesTo(idField);
    await idField.fill(survey);
    await form.getByRole("combobox", { name: strings.config.kind }).selectOption("csat");
    const question = form.getByRole("group", { name: strings.config.question });
    await question.getByRole("textbox", { name: strings.config.textIn("en") }).fill("How was it?");
    for (const [n, locale, text] of [
      [2, "de", "Wie war es?"],
      [3, "fr", "Comment était-ce ?"],
    ] as const) {
      await question.getByRole("button", { name: strings.config.addLanguage }).click();
      const language = question.getByRole("textbox", { name: strings.config.language(n) });
      await focusMovesTo(language);
      await language.fill(locale);
      await question.getByRole("textbox", { name: strings.config.textIn(locale) }).fill(text);
    }
    await question.getByRole("button", { name: `${strings.config.remove} ${strings.config.language(3)}` }).click();
    await focusMovesTo(question.getByRole("textbox", { name: strings.config.language(2) }));
    await form.getByRole("textbox", { name: strings.config.topics }).fill("complaint\npraise");
    await form.getByRole("button", { name: strings.common.save }).click();
    await page.getByText(strings.config.savedSurvey(survey)).waitFor();

    const saved = await admin<{ kind: string; question: Record<string, string>; topics: string[]; active: boolean }>(
      "GET",
      `/v1/sites/${site}/surveys/${survey}`,
    );
    expect(saved).toMatchObject({
      kind: "csat",
      question: { en: "How was it?", de: "Wie war es?" },
      topics: ["complaint", "praise"],
      active: true,
    });
    expect(Object.keys(saved.question)).toHaveLength(2);
  });
});

describe("dashboard: inbox and configuration for everyone", () => {
  for (const colorScheme of ["light", "dark"] as const) {
    test(`no axe violations, and nothing wider than a 375 px phone (${colorScheme})`, async () => {
      const { site, survey } = await seedSurvey({ kind: "nps", topics: ["complaint"] });
      await respond(site, survey, {
        score: 4,
        comment:
          "A comment long enough to wrap on a phone screen, with https://a-very-long-host-name.example/and/a/long/path",
      });
      // axe is injected as an inline script: the dashboard's CSP would refuse it, so this context bypasses CSP.
      const page = await browser.newPage({ viewport: { width: 375, height: 800 }, colorScheme, bypassCSP: true });
      await signIn(page);
      await openInbox(page, site);
      await page.getByRole("button", { name: /A comment long enough/ }).click();
      await detailOf(page).getByRole("heading", { name: "NPS 4 of 10" }).waitFor();
      expect(await axeViolations(page)).toEqual([]);
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);

      await page.getByRole("link", { name: strings.nav.config }).click();
      await page.getByLabel(strings.config.surveysOf).selectOption(site);
      await page.getByRole("button", { name: `${strings.config.edit} Browser test ${site}` }).click();
      await page.getByRole("button", { name: `${strings.config.edit} ${survey}` }).click();
      await page.getByRole("form", { name: strings.config.editSurvey(survey) }).waitFor();
      expect(await axeViolations(page)).toEqual([]);
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    });
  }
});
