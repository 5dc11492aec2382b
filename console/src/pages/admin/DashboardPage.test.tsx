import { act, cleanup, render, screen, within } from "@testing-library/react";
import type { Dashboard, Me } from "@clawgate/contracts";
import { afterEach, describe, expect, it, vi } from "vitest";
import { LanguageProvider, type Language } from "../../i18n/language.tsx";
import { pageFor } from "../../navigation.ts";
import { fakeFetch, json } from "../portal/testing/fakeFetch.ts";
import { DashboardPage } from "./DashboardPage.tsx";

const admin: Me = { employeeId: "emp-jiade", name: "JiaDe Wang", role: "admin", position: { id: "pos-sa", name: "Solutions Architect" }, department: { id: "dept-eng", name: "Engineering" }, mustChangePassword: false };
const manager: Me = { ...admin, employeeId: "emp-mike", name: "Mike Johnson", role: "manager" };

const counts = { employees: 21, activeAgents24h: 4, turnsToday: 17, pairedAccounts: 3, pendingSkillRequests: 2, failures24h: 1 };

const DASHBOARD: Dashboard = {
  organisationName: "ACME Corp",
  checklist: [
    { id: "global_soul", done: true, count: null, value: null },
    { id: "position_config", done: true, count: 5, value: null },
    { id: "model", done: false, count: null, value: "clawgate-offline" },
    { id: "im_bot", done: false, count: 0, value: null },
    { id: "employees", done: true, count: 21, value: null },
    { id: "budget", done: false, count: 0, value: null },
  ],
  counts,
  activity: [
    { id: "01A", at: "2026-11-21T10:00:00.000Z", type: "auth.login", category: "login", actor: "emp-carol", actorName: "Carol Zhang", employeeId: "emp-carol", employeeName: "Carol Zhang" },
    { id: "01B", at: "2026-11-21T09:00:00.000Z", type: "config.changed", category: "config_change", actor: "system", actorName: null, employeeId: null, employeeName: null },
  ],
  generatedAt: "2026-11-21T10:00:05.000Z",
};

function renderPage(me: Me, language: Language = "en") {
  return render(
    <LanguageProvider initial={language}>
      <DashboardPage me={me} />
    </LanguageProvider>,
  );
}

describe("DashboardPage", () => {
  afterEach(() => {
    cleanup();
    vi.useRealTimers();
    vi.unstubAllGlobals();
  });

  it("shows the checklist with links to the pages that fix what is missing, the counts and recent activity", async () => {
    fakeFetch({ "GET /api/admin/dashboard": json(DASHBOARD) });
    renderPage(admin);

    const items = await screen.findAllByTestId("checklist-item");
    expect(items.map((item) => [item.getAttribute("data-item"), item.getAttribute("data-done")])).toEqual([
      ["global_soul", "true"],
      ["position_config", "true"],
      ["model", "false"],
      ["im_bot", "false"],
      ["employees", "true"],
      ["budget", "false"],
    ]);
    const model = items[2]!;
    expect(model.textContent).toContain("The offline model is answering");
    expect(within(model).getByRole("link", { name: "Open Agent Factory" }).getAttribute("href")).toBe("#/agents");
    expect(within(items[3]!).getByRole("link", { name: "Open IM Channels" }).getAttribute("href")).toBe("#/channels");
    expect(within(items[5]!).getByRole("link", { name: "Open Usage & Cost" }).getAttribute("href")).toBe("#/cost");
    // Done items need no fixing.
    expect(within(items[0]!).queryByRole("link")).toBeNull();
    expect(screen.getByText("3 of 6 done")).toBeTruthy();

    expect(screen.getByTestId("dashboard-count-turnsToday").textContent).toContain("17");
    expect(screen.getByTestId("dashboard-count-failures24h").className).toContain("stat--alert");
    const rows = screen.getAllByTestId("activity-row");
    expect(rows).toHaveLength(2);
    expect(rows[0]!.textContent).toContain("auth.login");
    expect(rows[0]!.textContent).toContain("Carol Zhang");
    expect(rows[1]!.textContent).toContain("system");
  });

  it("shows a manager no checklist, says the counts are their subtree's, and speaks Chinese", async () => {
    fakeFetch({ "GET /api/admin/dashboard": json({ ...DASHBOARD, checklist: null, activity: [] }) });
    renderPage(manager, "zh");
    expect(await screen.findByText("统计范围为您的部门及其下属部门。")).toBeTruthy();
    expect(screen.queryAllByTestId("checklist-item")).toEqual([]);
    expect(screen.getByRole("heading", { level: 1 }).textContent).toContain("仪表盘");
    expect(screen.getByTestId("dashboard-activity-empty").textContent).toContain("暂无动态");
  });

  it("refreshes the counts every 30 seconds while the page is visible", async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    let turns = 17;
    const sent = fakeFetch({ "GET /api/admin/dashboard": () => ({ body: { ...DASHBOARD, counts: { ...counts, turnsToday: turns } } }) });
    renderPage(admin);
    await screen.findByText("17");
    turns = 18;
    await act(async () => {
      await vi.advanceTimersByTimeAsync(30_000);
    });
    expect(await screen.findByText("18")).toBeTruthy();
    expect(sent.filter((r) => r.path === "/api/admin/dashboard")).toHaveLength(2);
  });

  it("says what went wrong when the dashboard cannot load", async () => {
    fakeFetch({ "GET /api/admin/dashboard": json({ error: { code: "forbidden", message: "This needs an admin or a manager." } }, 403) });
    renderPage(admin);
    expect((await screen.findByRole("alert")).textContent).toContain("This needs an admin or a manager.");
  });

  it("is where admins and managers land; employees keep the chat as their home", () => {
    expect(pageFor("/", "admin")).toBe("dashboard");
    expect(pageFor("/", "manager")).toBe("dashboard");
    expect(pageFor("/chat", "manager")).toBe("chat");
    expect(pageFor("/", "employee")).toBe("chat");
    expect(pageFor("/organization", "employee")).toBe("chat");
  });
});
