// wrangler dev runs in a process group of its own, with everything it starts (its esbuild, its workerd
// processes): a Ctrl-C in the terminal does not reach it behind our back, and stopping the group leaves
// nothing behind. Windows has no process groups: there the child alone is signalled.
import { constants } from "node:os";

const hasGroups = process.platform !== "win32";
/** spawn's `detached` for a group leader (on Windows it would open a console instead). */
export const detached = hasGroups;
const STOP_GRACE_MS = 5_000;

/** @param {import("node:child_process").ChildProcess} child */
export const hasExited = (child) => child.exitCode !== null || child.signalCode !== null;

/**
 * @param {import("node:child_process").ChildProcess} child
 * @param {NodeJS.Signals} signal
 */
export function signalGroup(child, signal) {
  try {
    if (hasGroups && child.pid) process.kill(-child.pid, signal);
    else child.kill(signal);
  } catch {
    // the group is gone already
  }
}

/**
 * Whether a process of the group is left: signal 0 to a group fails with ESRCH once none is (workerd can
 * outlive wrangler by a moment).
 * @param {import("node:child_process").ChildProcess} child
 */
function groupAlive(child) {
  if (!child.pid) return false; // it never started
  if (!hasGroups) return !hasExited(child);
  try {
    process.kill(-child.pid, 0);
    return true;
  } catch {
    return false;
  }
}

/**
 * Resolves true once no process of the group is left, false after `timeoutMs`.
 * @param {import("node:child_process").ChildProcess} child
 * @param {number} timeoutMs
 */
async function groupGone(child, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  while (groupAlive(child)) {
    if (Date.now() > deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return true;
}

/**
 * Stops the group and resolves when none of it is left: `signal` to wrangler alone, which shuts its workerd
 * down itself (and removes its temporary files), then SIGKILL to whatever is left after the grace time.
 * @param {import("node:child_process").ChildProcess} child
 * @param {NodeJS.Signals} signal
 */
export async function stopGroup(child, signal) {
  if (!hasExited(child)) child.kill(signal);
  if (await groupGone(child, STOP_GRACE_MS)) return;
  signalGroup(child, "SIGKILL");
  await groupGone(child, STOP_GRACE_MS);
}

/**
 * For scripts with no signal handling of their own: Ctrl-C or a kill ends this process through
 * process.exit, so the exit hooks that end the groups run (Node's default for those signals skips them).
 */
export function exitOnInterrupt() {
  for (const signal of /** @type {const} */ (["SIGINT", "SIGTERM"])) {
    process.once(signal, () => process.exit(128 + constants.signals[signal]));
  }
}
