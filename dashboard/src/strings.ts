/**
 * Every string the dashboard shows, in one place so it can be translated: a translation is another
 * object of this shape. Functions take what varies, so word order stays the translator's choice.
 */
export const strings = {
  product: "feedloop",
  nav: {
    overview: "Overview",
    services: "Services",
    breakdowns: "Breakdowns",
    inbox: "Inbox",
    config: "Configuration",
    signOut: "Sign out",
  },
  signIn: {
    title: "Sign in to feedloop",
    intro:
      "Paste an API key (or the deployment's admin token). " +
      "It stays in this tab only and is forgotten when the tab closes.",
    label: "API key",
    submit: "Sign in",
    checking: "Checking…",
    wrong: "This key was not accepted.",
    failed: "Could not reach the API. Try again.",
    readOnly: "Read-only key: you can look at everything but change nothing.",
  },
  common: {
    loading: "Loading…",
    noData: "No data",
    responses: (n: number) => `${n.toLocaleString("en")} ${n === 1 ? "response" : "responses"}`,
    error: (message: string) => `Something went wrong: ${message}`,
    retry: "Retry",
    save: "Save",
    saved: "Saved",
    cancel: "Cancel",
    copy: "Copy",
    copied: "Copied",
    all: "All",
  },
  kinds: { nps: "NPS", csat: "CSAT", ces: "CES", thumbs: "Thumbs", text: "Text" } as Record<string, string>,
  audiences: { internal: "Employees", external: "Customers" } as Record<string, string>,
  filters: {
    label: "Filters",
    period: "Period",
    periods: {
      "7d": "Last 7 days",
      "30d": "Last 30 days",
      "90d": "Last 90 days",
      year: "This year",
      custom: "Custom…",
    },
    from: "From",
    to: "To (inclusive)",
    kind: "Kind",
    site: "Site",
    allSites: "All sites",
    siteOption: (name: string, audience: string) => `${name} (${audience})`,
    bucket: "Trend by",
    buckets: { day: "Day", week: "Week", month: "Month" },
    byBucket: { day: "by day", week: "by week", month: "by month" },
  },
  charts: {
    weekOf: (date: string) => `week of ${date}`,
    noResponses: "no responses",
    figureWithCount: (figure: string, count: number) =>
      `${figure} (${count.toLocaleString("en")} ${count === 1 ? "response" : "responses"})`,
    figureWithheld: (figure: string, count: number) =>
      `${figure} (${count.toLocaleString("en")} ${count === 1 ? "response" : "responses"}; ` +
      "some employees' answers withheld)",
    trendSummary: (first: string, last: string, shown: number, withheld: number, empty: number) =>
      `From ${first} to ${last}: ${shown} ${shown === 1 ? "point" : "points"} shown` +
      (withheld ? `, ${withheld} withheld` : "") +
      (empty ? `, ${empty} with no responses` : "") +
      ". The table below lists every point.",
    showTable: "Show as a table",
    tableRegion: (title: string) => `${title}, table`,
    period: "Period",
    responses: "Responses",
    sparklineLabel: (label: string, points: string) => `${label}: ${points}`,
    scoreCount: (score: string, count: number, total: number) =>
      `${score}: ${count.toLocaleString("en")} (${total ? Math.round((100 * count) / total) : 0}%)`,
    thumbs: { up: "Up", down: "Down" },
  },
  overview: {
    period: (first: string, last: string) => `${first} – ${last}`,
    trend: (kind: string, by: string) => `${kind} ${by}`,
    figureName: { nps: "NPS", csat: "CSAT (% satisfied)", ces: "CES (% easy)", thumbs: "Thumbs up (%)" },
    distribution: "Score distribution",
    distributionOf: (kind: string) => `How many responses gave each ${kind} score`,
    nothingYet: "No responses in this period.",
    cesMean: (mean: string, max: number) => `Mean score ${mean} of ${max}`,
    bands: {
      nps: { low: "Detractors (0–6)", middle: "Passives (7–8)", high: "Promoters (9–10)" },
      csat: { low: "Unsatisfied (1–2)", middle: "Neutral (3)", high: "Satisfied (4–5)" },
      ces: { low: "Difficult (1–3)", middle: "Neutral (4)", high: "Easy (5–7)" },
      thumbs: { low: "Thumbs down", high: "Thumbs up" },
    } as Record<"nps" | "csat" | "ces" | "thumbs", Partial<Record<"low" | "middle" | "high", string>>>,
  },
  rates: {
    title: "Response rate by survey",
    survey: "Survey",
    site: "Site",
    shown: "Shown",
    responses: "Responses",
    rate: "Response rate",
    utcDays: (first: string, last: string) =>
      `Counted over whole UTC days, ${first} – ${last} (UTC): the widget's displays are kept per UTC day, ` +
      "so this range may start or end a day apart from the period above.",
    employeesNote:
      "Employees' surveys count only reporting periods that have closed, for their displays as for their answers.",
    notYet: "Not available yet",
    noSurveys: "No survey of this kind here.",
    allSurveysOf: (site: string) => `All surveys of ${site}`,
    why: {
      notCounted: "The API gave no display counts for this range.",
      noDisplays: "No display reported in these days: the widget reports one each time it shows the survey.",
      openPeriod: (appear: string) =>
        `Employees' displays count once their reporting period has closed: this period's are added on ${appear}.`,
      closedNone: "No display in a closed reporting period of these days.",
      pooledOnly: "Its answers were released together with other surveys of this site: see the row for all of them.",
    },
    pooled: "Some answers were released across this site's surveys: only the row for all of them counts those.",
  },
  services: {
    intro: "How employees rate each service next to how customers rate it.",
    owner: "Owner",
    allOwners: "All owners",
    tableTitle: (kind: string, by: string) => `${kind} per service, both sides (trends ${by})`,
    tableTitleNoTrend: (kind: string) => `${kind} per service, both sides`,
    several: "Several services (employees' answers grouped together)",
    none: "No services yet: add them under Configuration.",
    service: "Service",
    gap: "Employees − customers",
    noGap: "not comparable",
    ownedBy: (owner: string) => `owner: ${owner}`,
    trendOf: (service: string, audience: string) => `${service}, ${audience}, trend`,
  },
  breakdowns: {
    by: "Group by",
    segment: (dimension: string) => `${dimension} (segment)`,
    fields: {
      site: "Site",
      survey: "Survey",
      service: "Service",
      owner: "Owner",
      audience: "Audience",
      topic: "Topic",
    } as Record<string, string>,
    title: (kind: string, field: string) => `${kind} by ${field}`,
    notGiven: "(not given)",
    total: "All",
  },
  release: {
    several: "several",
    severalOf: (field: string) => `${field}: several`,
    weekOf: (date: string) => `week of ${date}`,
    quarter: (quarter: number, year: string) => `Q${quarter} ${year}`,
    withheld: "withheld",
    withheldFigure: "Withheld",
    open: { day: "today", week: "this week", month: "this month", quarter: "this quarter" } as Record<string, string>,
    periodLine: (site: string, count: number, open: string, appear: string) =>
      `${site}: ${count.toLocaleString("en")} ${count === 1 ? "answer" : "answers"} so far ${open}; ` +
      `they appear on ${appear}.`,
    periodLineNoCount: (site: string, open: string, appear: string) =>
      `${site}: answers given ${open} appear on ${appear}.`,
    periodsNote: (minGroupSize: number) =>
      "Employees' answers are shown only once their reporting period has closed, " +
      `and only in groups of at least ${minGroupSize}.`,
    withheldNote:
      "Withheld: some employees' answers are left out here, " +
      "because their group was too small or matches these filters only in part. How many is not said.",
    severalNote: (minGroupSize: number) =>
      "Several: employees' answers from several values, " +
      `grouped together so that the group holds at least ${minGroupSize}.`,
    coarserBucket: (by: string) => `Employees' answers are released per reporting period, so the trend is shown ${by}.`,
    noTrend: "No trend: employees' answers here are released per quarter, which is longer than any trend step.",
  },
  inbox: {
    filtersLabel: "Filter responses",
    site: "Site",
    survey: "Survey",
    service: "Service",
    status: "Status",
    minScore: "Lowest score",
    maxScore: "Highest score",
    comments: "Comment",
    withComment: "With a comment",
    withoutComment: "Without a comment",
    clearFilters: "Clear filters",
    exportCsv: "Export CSV",
    exporting: "Preparing the file…",
    exported: "The CSV file is downloaded.",
    results: "Responses",
    empty: "No responses yet.",
    emptyFiltered: "No responses match these filters.",
    shown: (n: number, more: boolean) =>
      `${n.toLocaleString("en")} ${n === 1 ? "response" : "responses"} shown${more ? ", more below" : ""}.`,
    loadMore: "Load more",
    statuses: { new: "New", in_progress: "In progress", resolved: "Resolved", dismissed: "Dismissed" },
    thumbsUp: "Up",
    thumbsDown: "Down",
    noScore: (kind: string) => `${kind} answer`,
    scoreOf: (kind: string, score: number, max: number) => `${kind} ${score} of ${max}`,
    noComment: "No comment",
    replyCount: (n: number) => `${n} ${n === 1 ? "reply" : "replies"}`,
    detailTitle: "Selected response",
    close: "Close",
    topic: "Topic",
    segment: "Segment",
    anonymizedShort: "anonymized",
    period: "Period",
    released: (minGroupSize: number) =>
      `An employee's answer: it shows its group's service, topic and segment (a group of at least ${minGroupSize}), ` +
      "its period and no time, language or page.",
    none: "None",
    page: "Page",
    locale: "Language",
    date: "Answered",
    saving: "Saving…",
    statusSaved: (status: string) => `Status saved: ${status}.`,
    conversation: "Conversation",
    noReplies: "No replies yet.",
    fromTeam: "Team",
    fromRespondent: "Respondent",
    replyLabel: "Reply to the respondent",
    replyHint: "They read it in the widget, on the device they answered from, and can answer back anonymously.",
    send: "Send reply",
    sending: "Sending…",
    replySent: "Reply sent.",
  },
  config: {
    readOnly: "Read-only key: this is the configuration as it stands; changing it needs an admin key.",
    edit: "Edit",
    saving: "Saving…",
    none: "None",
    off: "Off",
    id: "Id",
    idHint: "Lowercase letters, digits and dashes, e.g. my-shop. It cannot be changed later.",
    idTaken: "This id is already used: edit that one instead.",
    name: "Name",
    sites: "Sites",
    newSite: "New site",
    editSite: (name: string) => `Edit ${name}`,
    savedSite: (name: string) => `Saved ${name}.`,
    noSites: "No sites yet.",
    audience: "Audience",
    audienceExternal: "Customers (external website)",
    audienceInternal: "Employees (intranet)",
    origins: "Origins",
    originsHint: "One per line, e.g. https://shop.example: the pages that may send answers.",
    dimensions: "Segment dimensions",
    dimensionsHint: "One per line, e.g. team or plan.",
    dimensionValues: "Values a dimension accepts",
    dimensionValuesHint:
      "Optional, one dimension per line, e.g. plan: free, pro, team. Any other value of it is refused.",
    maxDimensionValues: "Most values per other dimension",
    maxDimensionValuesHint:
      "How many distinct values each dimension without a list takes from pages (1 to 1000); " +
      "new ones past it are refused.",
    anyValues: (max: number) => `any, up to ${max} distinct`,
    minGroupSize: "Smallest group shown",
    minGroupSizeHint: "Employees' answers are shown only in groups of at least this many (at least 3 on an intranet).",
    reportingPeriod: "Reporting period",
    reportingPeriodHint:
      "Employees' answers appear only once their period has closed, at midnight in the time zone below.",
    reportingPeriods: { day: "Daily", week: "Weekly (from Monday)", month: "Monthly", quarter: "Quarterly" } as Record<
      string,
      string
    >,
    timeZone: "Time zone",
    timeZoneHint: "An IANA name, e.g. Europe/Warsaw or UTC.",
    autoPrompt: "Auto-prompt",
    autoPromptEnabled: "Let this site's surveys ask by themselves",
    autoPromptHint:
      "Off: surveys open only from the widget's button. Each survey's triggers say when it asks; " +
      "a page's script tag can still forbid it.",
    autoPromptInternal:
      "On an intranet each employee is asked once per reporting period, until they answer or dismiss it. " +
      "A page's script tag can still forbid it.",
    autoPromptOn: (days: number) => `On, ${days} ${days === 1 ? "day" : "days"} between asks after an answer`,
    autoPromptOnInternal: "On, once per reporting period",
    recontactDays: "Days before asking again",
    recontactDaysHint:
      "0 to 365: after a visitor answers or dismisses any survey here, no survey asks them by itself for this long.",
    turnstile: "Turnstile",
    turnstileOn: (siteKey: string) => `On (site key ${siteKey})`,
    identity: "Verified employees",
    identityOn: (verify: string, ballot: string) =>
      `${verify === "access" ? "Cloudflare Access" : "Respondent token"}, one answer per ${ballot}`,
    keptAsIs:
      "Turnstile and employee verification are kept as they are (their secrets are never shown); " +
      "change them through the API.",
    services: "Services",
    newService: "New service",
    editService: (name: string) => `Edit ${name}`,
    savedService: (name: string) => `Saved ${name}.`,
    noServices: "No services yet.",
    owner: "Owner",
    ownerHint: "The team that provides it, as an id such as it-team. Optional.",
    ownedBy: (owner: string) => `Owner: ${owner}`,
    noOwner: "No owner",
    surveys: "Surveys",
    surveysOf: "Surveys of",
    newSurvey: "New survey",
    editSurvey: (id: string) => `Edit survey ${id}`,
    savedSurvey: (id: string) => `Saved survey ${id}.`,
    noSurveys: "This site has no surveys yet.",
    inactive: "inactive",
    kind: "Kind",
    kinds: {
      nps: "NPS (0–10)",
      csat: "CSAT (1–5)",
      ces: "CES (1–7)",
      thumbs: "Thumbs (up or down)",
      text: "Text only",
    } as Record<string, string>,
    question: "Question",
    commentPrompt: "Comment prompt (optional)",
    language: (n: number) => `Language ${n}`,
    textIn: (language: string) => `Text (${language})`,
    remove: "Remove",
    addLanguage: "Add a language",
    languageMissing: "Every text needs its language, such as en or pt-BR.",
    languageTwice: (language: string) => `${language} is given twice.`,
    ratedServices: "Services it rates",
    topics: "Topics",
    topicsHint: "One per line, e.g. complaint, suggestion, praise, question.",
    active: "Active (the widget shows it)",
    embed: "Embed it with this tag:",
    copyByHand: "Selected: press Ctrl+C (⌘C) to copy.",
  },
  prompt: {
    legend: "Asking by itself",
    enabled: "Ask by itself when a trigger fires",
    enabledHint:
      "Only on sites whose auto-prompt is on, and only as often as the settings below allow. " +
      "The widget's button always opens the survey.",
    triggers: "Triggers (the first to fire asks, at most once per page)",
    trigger: (n: number) => `Trigger ${n}`,
    on: {
      pageview: "Page view, after a delay",
      scroll: "Scroll depth",
      exit: "Exit intent (desktop)",
      click: "Click on an element",
      event: "Event from the page",
    } as Record<string, string>,
    setting: {
      pageview: "Delay (seconds)",
      scroll: "Scrolled (% of the page)",
      click: "CSS selector",
      event: "Event name (feedloop.track)",
    } as Record<string, string>,
    exitNote: "When the pointer leaves the page through its top edge; never on touch screens.",
    addTrigger: "Add a trigger",
    include: "Pages to ask on",
    includeHint: "Path patterns, one per line, e.g. /checkout/*; * is any text. Empty: every page.",
    exclude: "Pages never to ask on",
    excludeHint: "Path patterns, one per line, e.g. /account/*.",
    segment: "Who to ask (every rule must hold)",
    rule: (n: number) => `Rule ${n}`,
    ruleDimension: (n: number) => `Rule ${n}: dimension`,
    ruleOp: (n: number) => `Rule ${n}: test`,
    ruleValue: (n: number) => `Rule ${n}: value`,
    eq: "is",
    ne: "is not",
    addRule: "Add a rule",
    noDimensions: "This site has no segment dimensions to target.",
    sample: "Share of visitors asked (%)",
    sampleHint: "0 to 100: each browser draws once per survey and keeps its draw.",
    maxDisplays: "Most times one browser is asked",
    maxDisplaysHint: "1 to 1000, ever, per browser; empty for no limit.",
    summary: {
      trigger: {
        pageview: (seconds: string) => `page view after ${seconds} s`,
        scroll: (percent: string) => `scrolled ${percent}%`,
        exit: () => "exit intent",
        click: (selector: string) => `click on ${selector}`,
        event: (name: string) => `event ${name}`,
      } as Record<string, (setting: string) => string>,
      on: (patterns: string) => `on ${patterns}`,
      notOn: (patterns: string) => `not on ${patterns}`,
      sample: (percent: number) => `${percent}% of visitors`,
      maxDisplays: (n: number) => `at most ${n} ${n === 1 ? "time" : "times"} per browser`,
    },
  },
  forms: {
    atLine: (line: number, message: string) => `Line ${line}: ${message}`,
    inRow: (row: string, part: string, message: string) => `${row}${part ? ` (${part})` : ""}: ${message}`,
    checkFields: "Some fields need a change: see below.",
    forbidden: "This key may not change that.",
  },
  // Margins of error and significant changes (issue 15, items 1 and 2).
  margins: {
    /** What a screen reader hears for "±9": words, not a symbol it may skip. */
    spoken: (margin: string) => `margin of error ${margin} points at 95%`,
    range: (lo: string, hi: string) => `95% interval: ${lo} to ${hi}`,
    band: "95% interval",
    stepMark: "Significant change from the point before",
    step: (rise: boolean, from: string) => `a significant ${rise ? "rise" : "fall"} from ${from}`,
    change: "Change",
    steps: (count: number) =>
      count === 0
        ? "No point differs significantly from the one before it."
        : `${count} ${count === 1 ? "point differs" : "points differ"} significantly from the one before ` +
          "(95%, corrected for the number of points).",
  },
  // The services view's opening kind and one-sided services (issue 15, item 5).
  servicesKind: {
    opened: (kind: string, services: number) =>
      `Showing ${kind}: the kind employees and customers both rate for the most services ` +
      `(${services} ${services === 1 ? "service" : "services"}). Pick another kind above.`,
    noneShared: (kind: string) =>
      `Showing ${kind}: no service is rated by both employees and customers in the same kind.`,
    notRated: { internal: "Not rated by employees", external: "Not rated by customers" } as Record<string, string>,
    otherKinds: (kinds: string) => `Not asked in this kind; rated in ${kinds}`,
  },
} as const;

export type Strings = typeof strings;
