/**
 * Where a webhook may deliver (README: "Abuse, floods and faults"). A webhook makes the Worker send requests to a
 * URL an admin typed, so that URL must not reach what sits next to the Worker: loopback, the private network,
 * link-local addresses such as the cloud metadata service (169.254.169.254). Only https to a host named in public
 * DNS is accepted. IP literals are refused in every form: the WHATWG URL parser (the one `fetch` uses) has already
 * turned `0x7f000001`, `2130706433`, `0177.0.0.1` and `127.1` into `127.0.0.1`, and IPv6 into `[...]`, so checking
 * the parsed host covers them all. Credentials in the URL are refused too: they would be shown to every reader of
 * the webhook list; the signature is what proves a delivery.
 */

/** `allowLocalHttp`: local development (WEBHOOK_ALLOW_LOCAL_HTTP): http or https to a loopback host. */
export type WebhookUrlRules = { allowLocalHttp: boolean };

/** Host names that resolve inside a network, never in public DNS (RFC 6761, 6762 appendix G, 8375). */
const LOCAL_SUFFIXES = [
  "localhost",
  "local",
  "internal",
  "intranet",
  "private",
  "corp",
  "home",
  "lan",
  "localdomain",
  "home.arpa",
];

const IPV4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/;

/** Why a webhook may not deliver to `url`, or null when it may. Each reason says what to do instead. */
export function webhookUrlProblem(url: string, rules: WebhookUrlRules): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return "must be an absolute https URL";
  }
  if (parsed.username || parsed.password) {
    return (
      "must not hold credentials (user:password@); deliveries are signed, " +
      "verify the webhook-signature header instead"
    );
  }
  const host = parsed.hostname.toLowerCase().replace(/\.$/, "");
  if (rules.allowLocalHttp && isLoopback(host) && (parsed.protocol === "http:" || parsed.protocol === "https:"))
    return null;
  if (parsed.protocol !== "https:") return "must use https";
  const address = ipLiteralKind(host);
  if (address) return `must name a host, not an IP address (${host} is ${address})`;
  const label = LOCAL_SUFFIXES.find((suffix) => host === suffix || host.endsWith(`.${suffix}`));
  if (label) return `must be a public host name (${host} is a local name: .${label})`;
  if (!host.includes(".")) return `must be a public host name with a domain (${host} has none)`;
  return null;
}

/** The host of a loopback address or name: what the local-development switch lets through. */
function isLoopback(host: string): boolean {
  return host === "localhost" || host === "[::1]" || IPV4.exec(host)?.[1] === "127";
}

/** What kind of IP literal a parsed host is, for the message; null for a name. */
function ipLiteralKind(host: string): string | null {
  if (host.startsWith("[")) {
    const v6 = host.slice(1, -1);
    if (v6 === "::1") return "a loopback address";
    if (v6 === "::") return "the unspecified address";
    if (v6.startsWith("::ffff:")) return "an IPv4-mapped address";
    if (/^f[cd]/.test(v6)) return "a private address";
    if (/^fe[89ab]/.test(v6)) return "a link-local address";
    return "an IPv6 address";
  }
  const octets = IPV4.exec(host)?.slice(1).map(Number);
  if (!octets) return null;
  const [a, b] = octets as [number, number];
  if (a === 127) return "a loopback address";
  if (a === 0) return "the unspecified address";
  if (a === 10 || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168)) return "a private address";
  if (a === 169 && b === 254) return "a link-local address";
  if (a === 100 && b >= 64 && b <= 127) return "a shared (carrier-grade NAT) address";
  return "an IP address";
}

/** The URL as a listing may show it: credentials (only in webhooks stored before these rules) masked. */
export function maskedUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (!parsed.username && !parsed.password) return url;
    parsed.username = "***";
    parsed.password = "";
    return parsed.href;
  } catch {
    return url;
  }
}
