// The demo config, and how `npm run dev` puts it in place through the real admin API.
// Only what is missing is written, so a developer's own edits to the demo survive a restart.

const TOPICS = ["complaint", "suggestion", "praise", "question"];

export const services = {
  checkout: { name: "Checkout", owner: "web-shop" },
  delivery: { name: "Delivery", owner: "logistics" },
  support: { name: "Customer support", owner: "support" },
  "it-helpdesk": { name: "IT helpdesk", owner: "it" },
  payroll: { name: "Payroll", owner: "finance" },
};

/** Sites and their surveys; `origins` are filled in with the dev server's own origins. */
export const sites = {
  "demo-shop": {
    site: { name: "Demo shop", audience: "external", dimensions: ["plan"] },
    surveys: {
      nps: {
        kind: "nps",
        question: {
          en: "How likely are you to recommend Demo shop to a friend or colleague?",
          de: "Wie wahrscheinlich ist es, dass Sie Demo shop einem Freund oder Kollegen empfehlen?",
          ru: "Насколько вероятно, что вы порекомендуете Demo shop другу или коллеге?",
          pl: "Jak bardzo prawdopodobne jest, że polecisz Demo shop znajomemu lub współpracownikowi?",
        },
        commentPrompt: {
          en: "What is the main reason for your score?",
          de: "Was ist der wichtigste Grund für Ihre Bewertung?",
          ru: "Какова главная причина вашей оценки?",
          pl: "Jaki jest główny powód Twojej oceny?",
        },
        services: ["checkout", "delivery", "support"],
        topics: TOPICS,
      },
      // After a delivery or a support contact: customers' side of a service employees rate too.
      csat: {
        kind: "csat",
        question: {
          en: "How satisfied are you with how we handled it?",
          de: "Wie zufrieden sind Sie damit, wie wir es erledigt haben?",
          pl: "Jak bardzo jesteś zadowolony z tego, jak to załatwiliśmy?",
        },
        services: ["delivery", "support"],
        topics: TOPICS,
      },
    },
  },
  "demo-intranet": {
    site: { name: "Demo intranet", audience: "internal", dimensions: ["team", "role"], minGroupSize: 5 },
    surveys: {
      helpdesk: {
        kind: "csat",
        question: { en: "How satisfied are you with the help you got?" },
        services: ["it-helpdesk", "payroll"],
        topics: TOPICS,
      },
      // Sales and account managers hand customer cases over to Customer support and rate how it went:
      // employees' side of the service customers rate in demo-shop's csat survey.
      escalations: {
        kind: "csat",
        question: { en: "How satisfied are you with how Customer support handled the case you handed over?" },
        services: ["support"],
        topics: TOPICS,
      },
    },
  },
};

export class SeedError extends Error {}

/**
 * The fields of a site this script reads from the admin API and sends back in a PUT.
 * @typedef {object} SiteFields
 * @property {string} name
 * @property {string} audience
 * @property {string[]} origins
 * @property {string[]} [dimensions]
 * @property {number} [minGroupSize]
 */
/** @typedef {{ id: string }[] | { items: { id: string }[] }} IdList A list the admin API answers, paged or not. */

/**
 * Seeds services, sites and surveys that are missing; adds the dev origins to an existing site that lacks them.
 * `log` receives one line per change. Throws SeedError on any answer that is not 2xx.
 * @param {{ baseUrl: string; token: string; origins: string[]; log: (line: string) => void }} options
 */
export async function seedDemo({ baseUrl, token, origins, log }) {
  const api = adminClient(baseUrl, token);

  const existingServices = idsOf(/** @type {IdList} */ (await api("GET", "/v1/services")));
  for (const [id, body] of Object.entries(services)) {
    if (existingServices.has(id)) continue;
    await api("PUT", `/v1/services/${id}`, body);
    log(`created service ${id}`);
  }

  for (const [siteId, { site, surveys }] of Object.entries(sites)) {
    const existing = /** @type {SiteFields | null} */ (
      await api("GET", `/v1/sites/${siteId}`, undefined, { allow404: true })
    );
    if (existing === null) {
      await api("PUT", `/v1/sites/${siteId}`, { ...site, origins });
      log(`created site ${siteId}`);
    } else {
      const missing = origins.filter((origin) => !(existing.origins ?? []).includes(origin));
      if (missing.length > 0) {
        await api("PUT", `/v1/sites/${siteId}`, { ...siteInput(existing), origins: [...existing.origins, ...missing] });
        log(`site ${siteId} existed without ${missing.join(" and ")}: added to its origins`);
      }
    }

    const existingSurveys = idsOf(/** @type {IdList} */ (await api("GET", `/v1/sites/${siteId}/surveys`)));
    for (const [surveyId, body] of Object.entries(surveys)) {
      if (existingSurveys.has(surveyId)) continue;
      await api("PUT", `/v1/sites/${siteId}/surveys/${surveyId}`, body);
      log(`created survey ${siteId}/${surveyId}`);
    }
  }
}

/**
 * Records the teams' actions of the sample history (SampleSummary `actions`), dated from the moment it was
 * written: so only right after writing it, when their dates and the answers' swings line up. A PUT replaces
 * an action with the same id, so running it twice changes nothing.
 * @param {{ baseUrl: string; token: string; actions: { service: string; id: string; title: string; date: string;
 *   note?: string }[]; log: (line: string) => void }} options
 */
export async function seedActions({ baseUrl, token, actions, log }) {
  const api = adminClient(baseUrl, token);
  for (const { service, id, ...action } of actions) {
    await api("PUT", `/v1/services/${service}/actions/${id}`, action);
    log(`recorded action ${service}/${id} on ${action.date}`);
  }
}

/**
 * The PUT body of a site as the API returned it: only the contract's input fields, so a re-PUT keeps the rest.
 * @param {SiteFields} site
 */
function siteInput(site) {
  /** @type {SiteFields} */
  const input = { name: site.name, audience: site.audience, origins: site.origins };
  if (site.dimensions !== undefined) input.dimensions = site.dimensions;
  if (site.minGroupSize !== undefined) input.minGroupSize = site.minGroupSize;
  return input;
}

/** @param {IdList} list */
function idsOf(list) {
  const items = Array.isArray(list) ? list : (list?.items ?? []);
  return new Set(items.map((item) => item.id));
}

/**
 * @param {string} baseUrl
 * @param {string} token the admin token
 */
function adminClient(baseUrl, token) {
  /**
   * The answer's JSON, or null for an empty body (or a 404 when `allow404`); SeedError for anything else not 2xx.
   * @param {string} method
   * @param {string} path
   * @param {unknown} [body]
   * @param {{ allow404?: boolean }} [options]
   * @returns {Promise<unknown>}
   */
  return async function api(method, path, body, { allow404 = false } = {}) {
    const response = await fetch(baseUrl + path, {
      method,
      headers: {
        authorization: `Bearer ${token}`,
        ...(body === undefined ? {} : { "content-type": "application/json" }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (allow404 && response.status === 404) return null;
    const text = await response.text();
    if (!response.ok) {
      throw new SeedError(`${method} ${path} answered ${response.status} ${response.statusText}\n${text}`);
    }
    try {
      return text === "" ? null : JSON.parse(text);
    } catch {
      throw new SeedError(`${method} ${path} answered ${response.status} with a body that is not JSON:\n${text}`);
    }
  };
}
