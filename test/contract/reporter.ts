import { readdirSync } from "node:fs";
import type { Reporter, TestModule } from "vitest/node";
import { browserContract } from "./browser-records";

/**
 * The contract test's count: how many responses, across how many of the document's operations, the run
 * checked against /openapi.json (each was checked as it arrived, test/contract/recorder.ts). When the
 * whole integration suite ran, an operation it never exercised fails the run.
 */
export default class ContractReporter implements Reporter {
  onTestRunEnd(testModules: ReadonlyArray<TestModule>): void {
    const counts = new Map<string, number>();
    const operations = new Set<string>();
    let integrationFiles = 0;
    for (const module of testModules) {
      if (module.project.name === "workers" && module.moduleId.includes("/test/integration/")) integrationFiles++;
      for (const test of module.children.allTests()) {
        const contract = test.meta().contract;
        if (!contract) continue;
        for (const operation of contract.operations) operations.add(operation);
        for (const response of contract.responses) counts.set(response, (counts.get(response) ?? 0) + 1);
      }
    }
    // The browser suite's answers, checked by its proxy as they passed (test/browser/contract-proxy.ts).
    const fromBrowser = browserContract.responses.splice(0);
    for (const response of fromBrowser) counts.set(response, (counts.get(response) ?? 0) + 1);
    const browserProblems = browserContract.problems.splice(0);
    for (const operation of browserContract.operations) operations.add(operation);
    if (counts.size === 0) return;
    const total = [...counts.values()].reduce((a, b) => a + b, 0);
    const exercised = new Set([...counts.keys()].map((key) => key.replace(/ \d+$/, "")));
    const covered = [...operations].filter((operation) => exercised.has(operation));
    const outside = [...counts].filter(([key]) => key.startsWith("outside ")).reduce((sum, [, n]) => sum + n, 0);
    const pairs = [...counts.keys()].filter((k) => !k.startsWith("outside ")).length;
    console.log(
      `\ncontract: ${total} responses checked against /openapi.json, ` +
        `${total - outside} across ${covered.length} of ${operations.size} operations ` +
        `(${pairs} operation-status pairs), ` +
        `${outside} outside any operation (preflights, unknown routes)`,
    );
    if (fromBrowser.length > 0) {
      const browserOperations = new Set(fromBrowser.map((key) => key.replace(/ \d+$/, "")));
      console.log(
        `contract: ${fromBrowser.length} of them from the browser suite, across ${browserOperations.size} operations`,
      );
    }
    if (browserProblems.length > 0) {
      console.log(
        "contract: FAILED, the browser suite got answers /openapi.json does not allow:" +
          `\n  ${browserProblems.join("\n  ")}`,
      );
      process.exitCode = 1;
    }
    const missing = [...operations].filter((operation) => !exercised.has(operation));
    // Only a run of the whole suite can tell an operation nobody exercises from one this run left out.
    if (
      missing.length > 0 &&
      integrationFiles >= readdirSync("test/integration").filter((name) => name.endsWith(".test.ts")).length
    ) {
      console.log(`contract: FAILED, never exercised: ${missing.join(", ")}`);
      process.exitCode = 1;
    } else if (missing.length > 0) console.log(`contract: not exercised in this partial run: ${missing.join(", ")}`);
  }
}
