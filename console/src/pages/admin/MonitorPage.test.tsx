import { act, cleanup, render, screen, within } from "@testing-library/react";
import type { MonitorReport } from "@clawgate/contracts";
import { afterEach, describe, expect, it, vi } from "vitest";
import { LanguageProvider, type Language } from "../../i18n/language.tsx";
import { fakeFetch, json } from "../portal/testing/fakeFetch.ts";
import { MonitorPage } from "./MonitorPage.tsx";

const REPORT: MonitorReport = {
  sessions: [{ employeeId: "emp-sarah", employeeName: "Sarah Kim", accessPath: "twin", runtimeId: "rt-standard", runtimeName: "Standard", lastTurnAt: "2026-11-21T10:00:00.000Z", turns: 3 }],
  turns: [
    { turnId: "t1", at: "2026-11-21T10:00:00.000Z", employeeId: "emp-sarah", employeeName: "Sarah Kim", accessPath: "employee", model: "us.amazon.nova-pro-v1:0", inputTokens: 1200, outputTokens: 300, costUsd: 0.00192, durationMs: 4321 },
    { turnId: "t2", at: "2026-11-21T09:59:00.000Z", employeeId: "emp-gone", employeeName: null, accessPath: "scheduled", model: "mystery-model", inputTokens: 10, outputTokens: 5, costUsd: null, durationMs: null },
  ],
  failures: [
    { id: "f1", at: "2026-11-21T09:58:00.000Z", type: "runtime.fallback", employeeId: "emp-sarah", employeeName: "Sarah Kim", reason: "ao-sarah → rt-standard: ping timed out" },
    { id: "f2", at: "2026-11-21T09:57:00.000Z", type: "guardrail.blocked", employeeId: "emp-carol", employeeName: "Carol Zhang", reason: "input: pii-email" },
  ],
  generatedAt: "2026-11-21T10:00:05.000Z",
};

const EMPTY: MonitorReport = { sessions: [], turns: [], failures: [], generatedAt: "2026-11-21T10:00:05.000Z" };

function renderPage(language: Language = "en") {
  return render(
    <LanguageProvider initial={language}>
      <MonitorPage />
    </LanguageProvider>,
  );
}

describe("MonitorPage", () => {
  afterEach(() => {
    cleanup();
    vi.useRealTimers();
    vi.unstubAllGlobals();
  });

  it("shows sessions, turns and failures in captioned tables", async () => {
    fakeFetch({ "GET /api/admin/monitor": json(REPORT) });
    renderPage();
    const session = await screen.findByTestId("session-row");
    expect(within(session).getByRole("rowheader").textContent).toBe("Sarah Kim");
    expect(session.textContent).toContain("digital twin");
    expect(session.textContent).toContain("Standard");

    const [priced, unpriced] = screen.getAllByTestId("turn-row");
    expect(priced!.textContent).toContain("us.amazon.nova-pro-v1:0");
    expect(priced!.textContent).toContain("1200 / 300");
    expect(priced!.textContent).toContain("$0.0019");
    expect(priced!.textContent).toContain("4.3 s");
    // A deleted employee keeps their id; an unknown model is said to be unpriced, never $0.
    expect(unpriced!.textContent).toContain("emp-gone");
    expect(unpriced!.textContent).toContain("unpriced");

    const failures = screen.getAllByTestId("failure-row");
    expect(failures.map((row) => row.getAttribute("data-type"))).toEqual(["runtime.fallback", "guardrail.blocked"]);
    expect(failures[0]!.textContent).toContain("Runtime fallback");
    expect(failures[0]!.textContent).toContain("ao-sarah → rt-standard: ping timed out");
    for (const caption of ["The last 50 turns, newest first", "The last 50 turn failures, runtime fallbacks and guardrail events, newest first"]) {
      expect(screen.getByRole("table", { name: caption })).toBeTruthy();
    }
  });

  it("says what to do when there is nothing to show, in Chinese too", async () => {
    fakeFetch({ "GET /api/admin/monitor": json(EMPTY) });
    renderPage("zh");
    expect(await screen.findByText(/最近 15 分钟没有智能体运行/)).toBeTruthy();
    expect(screen.getByText(/在“对话”或“试验场”中提一个问题/)).toBeTruthy();
    expect(screen.getByText(/没有失败/)).toBeTruthy();
    expect(screen.queryByRole("table")).toBeNull();
  });

  it("refreshes every 15 seconds while visible", async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    let report = EMPTY;
    const sent = fakeFetch({ "GET /api/admin/monitor": () => ({ body: report }) });
    renderPage();
    await screen.findByText(/No agent has run a turn/);
    report = REPORT;
    await act(async () => {
      await vi.advanceTimersByTimeAsync(15_000);
    });
    expect(await screen.findByTestId("session-row")).toBeTruthy();
    expect(sent).toHaveLength(2);
  });
});
