import { afterEach, vi } from "vitest";

/**
 * Moves the clock of the test and of the Worker (they share the isolate) to an instant, so answers can
 * be given inside a past reporting period and read after it closed. Restored after each test.
 */
export function setClock(instant: string | number): void {
  vi.useFakeTimers({ toFake: ["Date"] });
  vi.setSystemTime(new Date(instant));
}

afterEach(() => {
  vi.useRealTimers();
});
