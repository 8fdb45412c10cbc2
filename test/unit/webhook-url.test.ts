import { describe, expect, it } from "vitest";
import { maskedUrl, webhookUrlProblem } from "../../worker/domain/webhook-url";

const production = { allowLocalHttp: false };
const local = { allowLocalHttp: true };

describe("webhookUrlProblem", () => {
  it("accepts https to a public host name, with a port and a path", () => {
    for (const url of [
      "https://hooks.example.com/feedloop",
      "https://example.com:8443/a?b=c",
      "https://hooks.slack.com/services/T0/B0/x",
    ]) {
      expect(webhookUrlProblem(url, production)).toBeNull();
    }
  });

  it("reads hosts as the URL parser does: case, trailing dot, percent-encoding, full-width digits", () => {
    expect(webhookUrlProblem("https://LocalHost./", production)).toMatch(/local name/);
    expect(webhookUrlProblem("https://%31%32%37.0.0.1/", production)).toMatch(/loopback address/);
    expect(webhookUrlProblem("https://１２７.0.0.1/", production)).toMatch(/loopback address/);
    expect(webhookUrlProblem("https://0x7f.1/", production)).toMatch(/loopback address/);
    expect(webhookUrlProblem("https://[::ffff:a9fe:a9fe]/", production)).toMatch(/IPv4-mapped/);
  });

  it("lets the local switch through to loopback only, over http or https", () => {
    expect(webhookUrlProblem("http://127.0.0.1:8788/hook", local)).toBeNull();
    expect(webhookUrlProblem("https://127.0.0.2/hook", local)).toBeNull();
    expect(webhookUrlProblem("http://localhost./hook", local)).toBeNull();
    expect(webhookUrlProblem("http://192.168.0.10/hook", local)).toBe("must use https");
    expect(webhookUrlProblem("http://user:pw@localhost/hook", local)).toMatch(/credentials/);
    expect(webhookUrlProblem("http://127.0.0.1/hook", production)).toBe("must use https");
  });

  it("refuses what is not a URL, and other schemes", () => {
    expect(webhookUrlProblem("hooks.example.com/x", production)).toBe("must be an absolute https URL");
    expect(webhookUrlProblem("ftp://hooks.example.com/x", production)).toBe("must use https");
  });
});

describe("maskedUrl", () => {
  it("masks credentials and leaves other URLs as they are", () => {
    expect(maskedUrl("https://user:secret@hooks.example.com/x")).toBe("https://***@hooks.example.com/x");
    expect(maskedUrl("https://hooks.example.com/x")).toBe("https://hooks.example.com/x");
  });
});
