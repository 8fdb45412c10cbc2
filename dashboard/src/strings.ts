/**
 * Every string the dashboard shows, in one place so it can be translated: a translation is another
 * object of this shape. Functions take what varies, so word order stays the translator's choice.
 */
export const strings = {
  product: "feedloop",
  nav: { overview: "Overview", services: "Services", breakdowns: "Breakdowns", inbox: "Inbox", config: "Configuration", signOut: "Sign out" },
  signIn: {
    title: "Sign in to feedloop",
    intro: "Paste an API key (or the deployment's admin token). It stays in this tab only and is forgotten when the tab closes.",
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
    fewerThan: (n: number) => `fewer than ${n} responses`,
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
} as const;

export type Strings = typeof strings;
