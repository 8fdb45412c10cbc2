/**
 * Loads one of the widget's lazy parts (panel.js, queue.js, replies.js, turnstile.js) and calls what it hands over with
 * `args`. A classic script, which needs no CORS (a module would), handing its function over on its own element
 * rather than under a global name. One that fails to load leaves its feature out: no panel (the launcher stays,
 * and the next open tries again), no replies shown, no Turnstile token to send an answer with (it stays queued).
 * Returns the element, whose `onerror` the caller may set.
 */
export function load<T extends (...args: never[]) => unknown>(src: string, ...args: Parameters<T>) {
  const script = document.createElement("script") as HTMLScriptElement & {
    feedloop?: (...args: Parameters<T>) => unknown;
  };
  script.src = src;
  script.onload = () => {
    script.remove();
    script.feedloop!(...args);
  };
  document.head.append(script);
  return script;
}
