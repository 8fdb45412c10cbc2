import { readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { runWrangler } from "../../harness/wrangler.mjs";

/**
 * The README's "Deploying to Cloudflare" commands, held to the wrangler this repository pins. Only
 * `wrangler deploy` has a dry run (CI runs it); for the others, a typo in a subcommand or a flag that this
 * wrangler does not know would only show on a user's fresh account. So each `npx wrangler` line must name a
 * real command, each of its flags must be one that command lists in its --help, and each `npm run` line a
 * script of package.json.
 */
const root = fileURLToPath(new URL("../../", import.meta.url));
const readme = readFileSync(join(root, "README.md"), "utf8");
const scripts = JSON.parse(readFileSync(join(root, "package.json"), "utf8")).scripts as Record<string, string>;

function deployCommands(): string[] {
  const section = readme.split(/^## /m).find((part) => part.startsWith("Deploying to Cloudflare"));
  const block = section?.match(/```sh\n([\s\S]*?)```/)?.[1];
  if (!block) throw new Error("README.md has no ```sh block under ## Deploying to Cloudflare");
  return block
    .split("\n")
    .map((line) => line.replace(/\s+#.*$/, "").trim())
    .filter(Boolean);
}

async function wranglerHelp(words: string[]): Promise<string> {
  try {
    const { stdout, stderr } = await runWrangler([...words, "--help"]);
    return `${stdout}${stderr}`;
  } catch (error) {
    return `failed: ${(error as Error).message}`;
  }
}

/**
 * What is wrong with one line of the section, or nothing. Wrangler answers `--help` for a command it does not
 * know with its parent's help (and exit 0), so the command is judged by the usage line its help starts with:
 * `wrangler d1 create <name>` must be the line's words and positionals, in that order.
 */
async function problemsOf(line: string): Promise<string[]> {
  const [runner, ...rest] = line.split(/\s+/);
  if (runner === "npm") {
    const script = rest[0] === "run" ? rest[1] : undefined;
    return script && scripts[script] ? [] : [`${line}: package.json has no such script`];
  }
  if (runner !== "npx" || rest[0] !== "wrangler") return [`${line}: neither npx wrangler nor npm run`];
  const words = rest.slice(1);
  const firstFlag = words.findIndex((word) => word.startsWith("-"));
  const beforeFlags = firstFlag === -1 ? words : words.slice(0, firstFlag);
  const help = await wranglerHelp(beforeFlags);
  const usage =
    help
      .split("\n")
      .find((text) => text.startsWith("wrangler "))
      ?.split(/\s+/)
      .slice(1) ?? [];
  const subcommands = usage.filter((word) => !/^[<[]/.test(word));
  const positionals = usage.length - subcommands.length;
  const known =
    subcommands.every((word, i) => beforeFlags[i] === word) && beforeFlags.length - subcommands.length <= positionals;
  if (!known) return [`${line}: wrangler has no command "${beforeFlags.join(" ")}"`];
  const flags = words.filter((word) => word.startsWith("--")).map((flag) => flag.split("=")[0]!);
  return flags.filter((flag) => !help.includes(`${flag} `)).map((flag) => `${line}: wrangler does not know ${flag}`);
}

describe("the README's deploy commands", () => {
  const commands = deployCommands();

  it("name commands and flags the pinned wrangler has, and scripts package.json has", async () => {
    expect(commands.length).toBeGreaterThanOrEqual(5);
    expect((await Promise.all(commands.map(problemsOf))).flat()).toEqual([]);
  }, 120_000);

  it("create every queue wrangler.toml names before the deploy that consumes them", () => {
    const toml = readFileSync(join(root, "wrangler.toml"), "utf8");
    const queues = [...toml.matchAll(/^(?:queue|dead_letter_queue) = "([^"]+)"/gm)].map((match) => match[1]!);
    const deployAt = commands.indexOf("npm run deploy");
    for (const queue of new Set(queues)) {
      const createdAt = commands.indexOf(`npx wrangler queues create ${queue}`);
      expect(createdAt, `queue ${queue}`).toBeGreaterThanOrEqual(0);
      expect(createdAt, `queue ${queue} before npm run deploy`).toBeLessThan(deployAt);
    }
  });

  it("catches a subcommand or a flag that wrangler does not have", async () => {
    const lines = [
      "npx wrangler d1 craete feedloop",
      "npx wrangler d1 create feedloop extra",
      "npx wrangler d1 create feedloop --regoin weur",
      "npx wrangler queues create feedloop-webhooks",
      "npm run ship",
    ];
    expect((await Promise.all(lines.map(problemsOf))).flat()).toEqual([
      'npx wrangler d1 craete feedloop: wrangler has no command "d1 craete feedloop"',
      'npx wrangler d1 create feedloop extra: wrangler has no command "d1 create feedloop extra"',
      "npx wrangler d1 create feedloop --regoin weur: wrangler does not know --regoin",
      "npm run ship: package.json has no such script",
    ]);
  }, 60_000);
});
