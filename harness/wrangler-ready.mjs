// When a starting wrangler dev serves: its proxy listens long before the Worker behind it answers, and
// the static assets are served only if dist/ was built.
const READY_TIMEOUT_MS = 90_000;
const POLL_MS = 300;

/**
 * @typedef {object} Readiness
 * @property {string} [path] a GET that the Worker answers once it serves (default /v1/sites)
 * @property {Record<string, string>} [headers] sent with it (an admin token, so that D1 is read too)
 * @property {number[]} [statuses] the answers that mean ready (default: any answer); another 4xx fails at once
 * @property {string} [asset] a static asset that must be served too, e.g. /widget.js (dist/ built)
 */

/**
 * @param {string} url
 * @param {Record<string, string>} [headers]
 * @returns {Promise<number>} the status, or 0 when nothing answered
 */
const statusOf = (url, headers) =>
  fetch(url, { headers, signal: AbortSignal.timeout(2_000) }).then(
    async (response) => {
      await response.arrayBuffer(); // an unread body would hold the connection open
      return response.status;
    },
    () => 0,
  );

/**
 * Resolves once `url` serves as `ready` says; throws if wrangler exits first, if `signal` aborts, if the Worker
 * answers with another 4xx (no wait changes that), or after 90 s.
 * @param {{ url: string, ready?: Readiness, signal?: AbortSignal, hasExited: () => boolean }} start
 */
export async function waitUntilReady({ url, ready = {}, signal, hasExited }) {
  const { path = "/v1/sites", headers, statuses, asset } = ready;
  const deadline = Date.now() + READY_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (signal?.aborted) throw new Error("the start was interrupted");
    if (hasExited()) throw new Error("it stopped before it was ready");
    const status = await statusOf(`${url}${path}`, headers);
    const answered = status !== 0;
    const expected = !statuses || statuses.includes(status);
    if (answered && !expected && status >= 400 && status < 500) {
      throw new Error(`GET ${path} answered ${status}, not ${statuses?.join(" or ")}`);
    }
    if (answered && expected) {
      const assetStatus = asset ? await statusOf(`${url}${asset}`) : 200;
      if (assetStatus === 200) return;
      if (assetStatus === 404) throw new Error(`it serves no ${asset}: build dist/ first (npm run build)`);
    }
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
  throw new Error(`it did not serve within ${READY_TIMEOUT_MS / 1000} s`);
}
