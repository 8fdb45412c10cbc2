import { useRef, useState } from "preact/hooks";
import { strings } from "../strings";

const t = strings.config;

/** `customerType` as a data attribute's name: `customer-type` (the widget reads it back as a dataset key). */
const kebab = (name: string) => name.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`);

/**
 * The tag that embeds a survey, served by this same Worker (README: Embedding the widget), with an
 * empty `data-segment-*` attribute per dimension the site takes, for the page to fill in (an empty one
 * counts as unset). Not on a site that verifies employees: their team and role come from the identity.
 */
export function embedSnippet(
  site: string,
  survey: string,
  dimensions: string[] = [],
  origin = location.origin,
): string {
  const segment = dimensions.map((dimension) => ` data-segment-${kebab(dimension)}=""`).join("");
  return `<script src="${origin}/widget.js" data-site="${site}" data-survey="${survey}"${segment} async></script>`;
}

/**
 * Copies with the Clipboard API; where it is missing or refused (plain http, an old browser, a denied
 * permission) selects the text and tries execCommand, and else leaves it selected for Ctrl+C.
 */
async function copy(text: string, element: HTMLElement): Promise<"copied" | "selected"> {
  try {
    await navigator.clipboard.writeText(text);
    return "copied";
  } catch {
    const range = document.createRange();
    range.selectNodeContents(element);
    const selection = getSelection();
    selection?.removeAllRanges();
    selection?.addRange(range);
    try {
      return document.execCommand("copy") ? "copied" : "selected";
    } catch {
      return "selected";
    }
  }
}

export function Snippet({ site, survey, dimensions }: { site: string; survey: string; dimensions: string[] }) {
  const code = useRef<HTMLElement>(null);
  const [result, setResult] = useState<"" | "copied" | "selected">("");
  const snippet = embedSnippet(site, survey, dimensions);
  const id = `snippet-${site}-${survey}`;
  return (
    <div class="snippet">
      <p id={`${id}-label`} class="snippet-label">
        {t.embed}
      </p>
      {/* Wrapped, never scrolled (config.css): nothing to reach by keyboard but the Copy button. */}
      <pre>
        <code ref={code}>{snippet}</code>
      </pre>
      <div class="form-actions">
        <button
          type="button"
          aria-describedby={`${id}-label`}
          onClick={async () => setResult(await copy(snippet, code.current!))}
        >
          {strings.common.copy}
        </button>
        <span role="status" class="muted">
          {result === "copied" ? strings.common.copied : result === "selected" ? t.copyByHand : ""}
        </span>
      </div>
    </div>
  );
}
