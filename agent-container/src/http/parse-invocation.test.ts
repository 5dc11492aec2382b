import { describe, expect, it } from "vitest";
import { invocationFixture } from "../testing/fixtures.ts";
import { parseInvocation } from "./parse-invocation.ts";

describe("parseInvocation", () => {
  it("accepts a well-formed invocation", () => {
    const request = invocationFixture("who are you?");
    const parsed = parseInvocation(JSON.stringify(request));
    expect(parsed.ok).toBe(true);
    if (parsed.ok) expect(parsed.request.message).toBe("who are you?");
  });

  it("lists every issue with its path and message", () => {
    const request = invocationFixture("who are you?");
    const parsed = parseInvocation(JSON.stringify({ ...request, sessionId: "too-short", message: "" }));
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.error.issues.map((i) => i.path).sort()).toEqual(["message", "sessionId"]);
    for (const issue of parsed.error.issues) expect(issue.message.length).toBeGreaterThan(0);
    expect(parsed.error.message).toMatch(/^invalid invocation: 2 issues, first at (message|sessionId): /);
  });

  it("names nested paths with dots and array indices", () => {
    const request = invocationFixture("who are you?");
    const parsed = parseInvocation(JSON.stringify({ ...request, blobs: { "not-a-hash": 42 } }));
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.error.issues.map((i) => i.path)).toContain("blobs.not-a-hash");
  });

  it("says so when the body is not JSON at all", () => {
    const parsed = parseInvocation("{not json");
    expect(parsed).toEqual({ ok: false, error: { message: "the invocation body is not valid JSON", issues: [] } });
  });

  it("reports a non-object body at the root", () => {
    const parsed = parseInvocation("[]");
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.error.issues).toEqual([{ path: "", message: expect.any(String) }]);
  });

  it("caps the issue list so a hostile body cannot inflate the answer", () => {
    const request = invocationFixture("who are you?");
    const blobs = Object.fromEntries(Array.from({ length: 100 }, (_, i) => [`bad-${i}`, i]));
    const parsed = parseInvocation(JSON.stringify({ ...request, blobs }));
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.error.issues).toHaveLength(20);
    expect(parsed.error.message).toMatch(/^invalid invocation: \d{3} issues/);
  });
});
