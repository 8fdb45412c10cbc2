import { render } from "preact";
import { useEffect, useState } from "preact/hooks";
import { ApiFailure, client, read, session, withKey } from "./api";
import type { CurrentKey } from "./api-types";
import { strings } from "./strings";
import { Overview } from "./views/overview";
import { Services } from "./views/services";
import { Breakdowns } from "./views/breakdowns";
import { Inbox } from "./views/inbox";
import { Config } from "./views/config";
import { ServicePage } from "./views/service";

export type Access = CurrentKey;
export type ViewProps = { access: Access };

const VIEWS = {
  overview: Overview,
  services: Services,
  breakdowns: Breakdowns,
  inbox: Inbox,
  config: Config,
  // Reached from a service's name in the services table, not from the navigation.
  service: ServicePage,
} as const;
type ViewName = keyof typeof VIEWS;
const NAV = ["overview", "services", "breakdowns", "inbox", "config"] as const satisfies ViewName[];

/** The navigation entry a view belongs to: a service's page is under Services (aria-current="true", not "page"). */
const sectionOf = (view: ViewName) => (view === "service" ? "services" : view);

const viewOf = (hash: string): ViewName => {
  const name = hash.replace(/^#\/?/, "").split("?")[0] as ViewName;
  return name in VIEWS ? name : "overview";
};

/** What a key may do: its scope, and the sites it is limited to (null: every site). */
async function accessOf(key: string): Promise<Access> {
  return read(client.v1.keys.current.$get(undefined, withKey(key)));
}

function SignIn({ onSignedIn }: { onSignedIn: (access: Access) => void }) {
  const [key, setKey] = useState("");
  const [state, setState] = useState<"idle" | "checking" | "wrong" | "failed">("idle");
  // A refusal that is not about the key (too many wrong keys from this IP: 429; a too-short ADMIN_TOKEN: 503)
  // says what to do in the API's own words.
  const [refusal, setRefusal] = useState("");
  const submit = async (event: Event) => {
    event.preventDefault();
    setState("checking");
    try {
      const access = await accessOf(key.trim());
      session.set(key.trim());
      onSignedIn(access);
    } catch (error) {
      setRefusal(error instanceof ApiFailure && (error.status === 429 || error.status === 503) ? error.message : "");
      setState(error instanceof ApiFailure && (error.status === 401 || error.status === 403) ? "wrong" : "failed");
    }
  };
  return (
    <main class="sign-in">
      <form onSubmit={submit} aria-labelledby="sign-in-title">
        <h1 id="sign-in-title">{strings.signIn.title}</h1>
        <p>{strings.signIn.intro}</p>
        <label for="key">{strings.signIn.label}</label>
        <input
          id="key"
          name="key"
          type="password"
          autocomplete="off"
          spellcheck={false}
          required
          value={key}
          onInput={(e) => setKey(e.currentTarget.value)}
        />
        <button type="submit" disabled={state === "checking"}>
          {state === "checking" ? strings.signIn.checking : strings.signIn.submit}
        </button>
        <p role="alert" class="error">
          {state === "wrong" ? strings.signIn.wrong : state === "failed" ? refusal || strings.signIn.failed : ""}
        </p>
      </form>
    </main>
  );
}

function App() {
  const [access, setAccess] = useState<Access | null>(null);
  const [restoring, setRestoring] = useState(!!session.key);
  const [view, setView] = useState<ViewName>(viewOf(location.hash));

  useEffect(() => {
    const onHash = () => setView(viewOf(location.hash));
    addEventListener("hashchange", onHash);
    return () => removeEventListener("hashchange", onHash);
  }, []);

  // A reload in the same tab keeps the session.
  useEffect(() => {
    const key = session.key;
    if (!key) return;
    accessOf(key)
      .then(setAccess, () => session.clear())
      .finally(() => setRestoring(false));
  }, []);

  if (restoring) return <p class="loading">{strings.common.loading}</p>;
  if (!access) return <SignIn onSignedIn={setAccess} />;
  const View = VIEWS[view];
  const signOut = () => {
    session.clear();
    setAccess(null);
  };
  return (
    <div class="shell">
      <header class="top">
        <span class="brand">{strings.product}</span>
        <nav aria-label="Sections">
          <ul>
            {NAV.map((name) => (
              <li key={name}>
                <a
                  href={`#/${name}`}
                  aria-current={name === view ? "page" : name === sectionOf(view) ? "true" : undefined}
                >
                  {strings.nav[name]}
                </a>
              </li>
            ))}
          </ul>
        </nav>
        {access.scope === "read" && (
          <span class="badge" title={strings.signIn.readOnly}>
            read-only
          </span>
        )}
        <button type="button" class="link" onClick={signOut}>
          {strings.nav.signOut}
        </button>
      </header>
      <main id="main">
        <View access={access} />
      </main>
    </div>
  );
}

render(<App />, document.getElementById("app")!);
