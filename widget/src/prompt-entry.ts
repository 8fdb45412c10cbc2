/**
 * dist/prompt.js: whether this page view may auto-prompt (pages, segment, sample, fatigue), and the triggers that
 * then show the survey. Loaded by the loader (prompt.ts) only for a survey with auto-prompt settings.
 */
import { remember } from "./prompt-memory";
import { allowed, type PromptContext } from "./prompt-rules";

export type ArmPrompt = typeof arm;

/** Arms the survey's triggers when this page view may ask; the first to fire calls `show`, once. */
function arm(context: PromptContext, show: () => void, tracked: string[], tracks: EventTarget): void {
  const { site, survey, prompt } = context;
  const memory = remember(site, (m) => (m.draw[survey] ??= Math.random() * 100));
  if (!memory || !allowed(context, memory, location.pathname, Date.now())) return;
  // Firing removes every listener; a timer left running finds the signal aborted.
  const controller = new AbortController();
  const { signal } = controller;
  const fire = () => {
    if (!signal.aborted) {
      controller.abort();
      show();
    }
  };
  const listen = (target: EventTarget, type: string, listener: (event: never) => unknown) =>
    target.addEventListener(type, listener as EventListener, { signal });
  for (const trigger of prompt.triggers) {
    if (trigger.on == "pageview") setTimeout(fire, trigger.delaySeconds * 1e3);
    if (trigger.on == "scroll") {
      // Scrolled `percent` of the scrollable height; a page that cannot scroll counts as read to its end.
      const scrolled = () =>
        scrollY * 100 >= trigger.percent * (document.documentElement.scrollHeight - innerHeight) && fire();
      listen(window, "scroll", scrolled);
      scrolled();
    }
    // Desktop only: the pointer leaving through the top edge, towards the tabs and the address bar.
    if (trigger.on == "exit" && matchMedia("(hover) and (pointer:fine)").matches)
      listen(document, "mouseout", (event: MouseEvent) => event.relatedTarget || event.clientY > 0 || fire());
    if (trigger.on == "click") {
      const { selector } = trigger;
      try {
        document.querySelector(selector);
        listen(document, "click", (event: Event) => (event.target as Element).closest(selector) && fire());
      } catch {
        console.warn("feedloop: invalid selector", selector);
      }
    }
    if (trigger.on == "event") tracked.includes(trigger.name) ? fire() : listen(tracks, trigger.name, fire);
  }
}

(document.currentScript as HTMLScriptElement & { feedloop: ArmPrompt }).feedloop = arm;
