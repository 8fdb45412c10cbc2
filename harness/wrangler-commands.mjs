// One-shot wrangler commands (D1 migrations, `d1 execute`, `deploy --dry-run`): offline, never interactive,
// and their output in the error when they fail.
import { spawn } from "node:child_process";
import { assertWrangler, offlineEnv, root, wranglerBin } from "./offline-env.mjs";
import { OutputTail } from "./output-tail.mjs";

/**
 * @typedef {object} CommandOptions
 * @property {string} [config] another wrangler config than the repository's wrangler.toml
 * @property {"capture" | "inherit"} [output] capture (the default): resolve with what wrangler printed;
 *   inherit: print it as it comes (wrangler's table of migrations, for a developer to read)
 */

/**
 * Runs `wrangler ...args` to its end; rejects, with the last lines wrangler printed, when it fails.
 * @param {string[]} args
 * @param {CommandOptions} [options]
 * @returns {Promise<{ stdout: string, stderr: string }>}
 */
export function runWrangler(args, { config, output = "capture" } = {}) {
  assertWrangler();
  const all = [...args, ...(config ? ["--config", config] : [])];
  const stdio = output === "inherit" ? "inherit" : "pipe";
  // CI=true: a command never stops to ask (migrations apply would ask to confirm). Not in the group of
  // wrangler dev's kind: a Ctrl-C in the terminal reaches it directly, and it ends by itself anyway.
  const child = spawn(process.execPath, [wranglerBin, ...all], {
    cwd: root,
    env: offlineEnv({ CI: "true" }),
    stdio: ["ignore", stdio, stdio],
  });
  /** @type {{ stdout: Buffer[], stderr: Buffer[] }} */
  const chunks = { stdout: [], stderr: [] };
  const tail = new OutputTail();
  for (const name of /** @type {const} */ (["stdout", "stderr"])) {
    child[name]?.on("data", (/** @type {Buffer} */ chunk) => {
      chunks[name].push(chunk);
      tail.add(chunk);
    });
  }
  return new Promise((resolve, reject) => {
    child.once("error", reject);
    // "close", not "exit": by then every byte of its output has been read.
    child.once("close", (code, signal) => {
      if (code !== 0) {
        reject(new Error(`wrangler ${all.join(" ")} failed (exit ${code ?? signal})${tail.suffix()}`));
        return;
      }
      const text = (/** @type {Buffer[]} */ parts) => Buffer.concat(parts).toString("utf8");
      resolve({ stdout: text(chunks.stdout), stderr: text(chunks.stderr) });
    });
  });
}

/**
 * Applies the D1 migrations of the config's DB binding to the local database kept under `persistTo`
 * (wrangler's --persist-to; without it, its default .wrangler/state: what npm run dev uses).
 * Resolves with the names of the migrations it applied (none when the database was up to date).
 * @param {{ persistTo?: string } & CommandOptions} [options]
 * @returns {Promise<string[]>}
 */
export async function applyMigrations({ persistTo, ...options } = {}) {
  const where = persistTo ? ["--persist-to", persistTo] : [];
  const { stdout } = await runWrangler(["d1", "migrations", "apply", "DB", "--local", ...where], options);
  return [...new Set(stdout.match(/\b\d{4}_[\w-]+\.sql\b/g) ?? [])];
}
