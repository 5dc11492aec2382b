import { cleanup, render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import type { AgentSummary, Me, Schedule } from "@clawgate/contracts";
import { afterEach, describe, expect, it, vi } from "vitest";
import { LanguageProvider, type Language } from "../../i18n/language.tsx";
import type { EmployeeAgentConfig } from "../../agentsApi.ts";
import { fakeFetch, json, type SentRequest } from "../portal/testing/fakeFetch.ts";
import { AgentFactoryPage } from "./AgentFactoryPage.tsx";

const admin: Me = { employeeId: "emp-jiade", name: "JiaDe Wang", role: "admin", position: { id: "pos-sa", name: "Solutions Architect" }, department: { id: "dept-eng", name: "Engineering" }, mustChangePassword: false };
const manager: Me = { ...admin, employeeId: "emp-mike", name: "Mike Johnson", role: "manager" };

const agent = (over: Partial<AgentSummary>): AgentSummary => ({
  employeeId: "emp-ryan",
  name: "Ryan Park",
  role: "employee",
  departmentId: "dept-eng-backend",
  departmentName: "Backend Team",
  positionId: "pos-sde",
  positionName: "Software Engineer",
  model: { value: null, source: "default" },
  runtime: { tier: "default", runtimeId: "rt-standard", runtimeName: "standard" },
  alwaysOn: false,
  lastTurnAt: "2026-11-21T10:00:00.000Z",
  turnsLast24h: 3,
  status: "active",
  ...over,
});

const AGENTS = [
  agent({}),
  agent({ employeeId: "emp-carol", name: "Carol Zhang", departmentId: "dept-finance", departmentName: "Finance", positionId: "pos-fa", positionName: "Finance Analyst", lastTurnAt: null, turnsLast24h: 0, status: "never" }),
  agent({ employeeId: "emp-peter", name: "Peter Wu", positionId: "pos-exec", positionName: "Executive", departmentId: "dept-eng", departmentName: "Engineering", model: { value: "us.anthropic.claude-sonnet-4-6", source: "position" }, runtime: { tier: "position_rule", runtimeId: "rt-executive", runtimeName: "executive" }, status: "idle" }),
];

const none = { model: null, maxTokens: null, contextWindow: null, compaction: null, language: null };
const ryanConfig: EmployeeAgentConfig = {
  employeeId: "emp-ryan",
  positionId: "pos-sde",
  overrides: { ...none, language: "en" },
  positionOverrides: { ...none, model: "clawgate-offline" },
  effective: {
    provider: "offline",
    model: { value: "clawgate-offline", source: "position" },
    maxTokens: { value: 4096, source: "default" },
    contextWindow: { value: 128000, source: "default" },
    compaction: { value: "default", source: "default" },
    language: { value: "en", source: "employee" },
  },
  canEdit: true,
};

function routes(extra: Record<string, (request: SentRequest) => { status?: number; body?: unknown }> = {}) {
  return fakeFetch({
    "GET /api/admin/agents": json({ agents: AGENTS, asOf: "2026-11-21T12:00:00.000Z" }),
    "GET /api/admin/employees/emp-ryan/agent-config": json(ryanConfig),
    "GET /api/admin/positions/pos-sde/agent-config": json({ positionId: "pos-sde", overrides: ryanConfig.positionOverrides, affectedAgents: 4, canEdit: true }),
    "GET /api/admin/employees/emp-ryan/routing": json({ employeeId: "emp-ryan", runtimeId: null, alwaysOnEndpoint: null }),
    "GET /api/admin/employees/emp-ryan/route": json({
      employeeId: "emp-ryan",
      tier: "default",
      runtime: { id: "rt-standard", name: "standard", kind: "http", target: "http://127.0.0.1:8080" },
      reason: "Neither Ryan Park nor their position (Software Engineer) names a runtime, so the default runtime (standard) serves them.",
      tiers: [
        { tier: "always_on", runtimeId: null, chosen: false },
        { tier: "employee_override", runtimeId: null, chosen: false },
        { tier: "position_rule", runtimeId: null, chosen: false },
        { tier: "default", runtimeId: "rt-standard", chosen: true },
      ],
    }),
    "GET /api/admin/models": json({
      models: [
        { id: "clawgate-offline", provider: "offline", name: "Offline model", contextWindow: 32000, maxOutputTokens: 4096, pricing: null, priced: true, priceId: null },
        { id: "us.anthropic.claude-sonnet-4-6", provider: "bedrock", name: "Claude Sonnet 4.6", contextWindow: 200000, maxOutputTokens: 64000, pricing: null, priced: true, priceId: null },
      ],
    }),
    "GET /api/admin/runtimes": json({
      runtimes: [
        { id: "rt-executive", name: "executive", kind: "http", endpoint: "http://127.0.0.1:8080", isDefault: false, createdAt: "" },
        { id: "rt-standard", name: "standard", kind: "http", endpoint: "http://127.0.0.1:8080", isDefault: true, createdAt: "" },
      ],
    }),
    "GET /api/admin/schedules": json({ employeeId: "emp-ryan", schedules: [] }),
    ...extra,
  });
}

function renderPage(me: Me = admin, language: Language = "en") {
  return render(
    <LanguageProvider initial={language}>
      <AgentFactoryPage me={me} />
    </LanguageProvider>,
  );
}

async function openRyan() {
  await userEvent.click(await screen.findByRole("button", { name: "Details of Ryan Park's agent" }));
  return screen.findByTestId("agent-detail");
}

const patches = (sent: SentRequest[]) => sent.filter((r) => r.method !== "GET");

describe("Agent Factory", () => {
  afterEach(() => {
    cleanup();
    vi.unstubAllGlobals();
  });

  it("lists the agents with position, department, model, runtime and status, and filters them", async () => {
    routes();
    renderPage();
    const table = await screen.findByTestId("agent-table");
    expect(within(table).getAllByTestId("agent-row")).toHaveLength(3);
    const peter = within(table).getByRole("rowheader", { name: /Peter Wu/ }).closest("tr")!;
    expect(peter.textContent).toContain("us.anthropic.claude-sonnet-4-6");
    expect(peter.textContent).toContain("executive (position)");
    expect(peter.textContent).toContain("idle");
    const carol = within(table).getByRole("rowheader", { name: /Carol Zhang/ }).closest("tr")!;
    expect(carol.textContent).toContain("never used");

    await userEvent.selectOptions(screen.getByLabelText("Department"), "dept-finance");
    expect(within(table).getAllByTestId("agent-row").map((row) => row.querySelector("th")!.textContent)).toEqual(["Carol Zhang emp-carol"]);
    await userEvent.selectOptions(screen.getByLabelText("Department"), "");
    await userEvent.type(screen.getByLabelText("Search"), "nobody");
    expect(screen.getByTestId("agents-none").textContent).toMatch(/No agents match/);
  });

  it("shows the effective configuration with its sources and the route explanation", async () => {
    routes();
    renderPage();
    const detail = await openRyan();
    const effective = await within(detail).findByTestId("agent-effective");
    const modelRow = within(effective).getByRole("rowheader", { name: "Model" }).closest("tr")!;
    expect(modelRow.textContent).toBe("Modelclawgate-offlineposition");
    const languageRow = within(effective).getByRole("rowheader", { name: "Language" }).closest("tr")!;
    expect(languageRow.textContent).toContain("employee override");
    expect(within(detail).getByTestId("agent-route-reason").textContent).toBe("Neither Ryan Park nor their position (Software Engineer) names a runtime, so the default runtime (standard) serves them.");
    expect(within(detail).getByTestId("agent-route").textContent).toContain("Default runtime: standard ✓ chosen");
    expect(within(detail).getByText(/reaches 4 agent\(s\)/)).toBeTruthy();
  });

  it("sends only what changed: a value sets, an emptied field clears", async () => {
    const sent = routes({
      "PATCH /api/admin/employees/emp-ryan/agent-config": json(ryanConfig),
      "PATCH /api/admin/positions/pos-sde/agent-config": json({ positionId: "pos-sde", overrides: none, affectedAgents: 4, canEdit: true }),
    });
    renderPage();
    const detail = await openRyan();
    const employeeForm = await within(detail).findByTestId("employee-config-form");
    await userEvent.type(within(employeeForm).getByLabelText("Max output tokens"), "8000");
    await userEvent.clear(within(employeeForm).getByLabelText("Response language"));
    await userEvent.click(within(employeeForm).getByRole("button", { name: "Save" }));
    await waitFor(() => expect(patches(sent)).toHaveLength(1));
    expect(patches(sent)[0]).toEqual({ method: "PATCH", path: "/api/admin/employees/emp-ryan/agent-config", body: { maxTokens: 8000, language: null } });
    expect(await within(employeeForm).findByRole("status")).toBeTruthy();

    const positionForm = within(detail).getByTestId("position-config-form");
    await userEvent.selectOptions(within(positionForm).getByLabelText("Model"), "");
    await userEvent.selectOptions(within(positionForm).getByLabelText("Compaction"), "safeguard");
    await userEvent.click(within(positionForm).getByRole("button", { name: "Save" }));
    await waitFor(() => expect(patches(sent)).toHaveLength(2));
    expect(patches(sent)[1]).toEqual({ method: "PATCH", path: "/api/admin/positions/pos-sde/agent-config", body: { model: null, compaction: "safeguard" } });
  });

  it("shows the server's validation message next to its field, and a 403 above the button", async () => {
    routes({
      "PATCH /api/admin/employees/emp-ryan/agent-config": json(
        { error: { code: "invalid_request", message: "maxTokens: Offline model produces at most 4096 output tokens", issues: [{ path: "maxTokens", message: "Offline model produces at most 4096 output tokens" }] } },
        400,
      ),
      "PATCH /api/admin/positions/pos-sde/agent-config": json({ error: { code: "forbidden", message: "This position belongs to a department above yours; only admins may change it." } }, 403),
    });
    renderPage();
    const detail = await openRyan();
    const employeeForm = await within(detail).findByTestId("employee-config-form");
    await userEvent.type(within(employeeForm).getByLabelText("Max output tokens"), "9000");
    await userEvent.click(within(employeeForm).getByRole("button", { name: "Save" }));
    const fieldError = await within(employeeForm).findByTestId("employee-config-maxTokens-error");
    expect(fieldError.textContent).toBe("Offline model produces at most 4096 output tokens");
    expect(within(employeeForm).getByLabelText("Max output tokens").getAttribute("aria-describedby")).toBe(fieldError.id);

    const positionForm = within(detail).getByTestId("position-config-form");
    await userEvent.selectOptions(within(positionForm).getByLabelText("Compaction"), "safeguard");
    await userEvent.click(within(positionForm).getByRole("button", { name: "Save" }));
    expect((await within(positionForm).findByRole("alert")).textContent).toMatch(/only admins may change it/);
  });

  it("lets an admin set an always-on endpoint and apply now; a manager is not offered the endpoint", async () => {
    const sent = routes({
      "PATCH /api/admin/employees/emp-ryan/routing": json({ employeeId: "emp-ryan", runtimeId: "rt-executive", alwaysOnEndpoint: "https://ryan.agents.acme.example" }),
      "POST /api/admin/config/apply": json({ employees: 1, stopped: 0, refreshed: 1, failures: [] }),
    });
    renderPage();
    const detail = await openRyan();
    const routing = await within(detail).findByTestId("routing-form");
    await userEvent.selectOptions(within(routing).getByLabelText("Runtime override"), "rt-executive");
    await userEvent.type(within(routing).getByTestId("routing-always-on"), "https://ryan.agents.acme.example");
    await userEvent.click(within(routing).getByRole("button", { name: "Save routing" }));
    await waitFor(() => expect(patches(sent)).toHaveLength(1));
    expect(patches(sent)[0]).toEqual({ method: "PATCH", path: "/api/admin/employees/emp-ryan/routing", body: { runtimeId: "rt-executive", alwaysOnEndpoint: "https://ryan.agents.acme.example" } });
    await userEvent.click(within(detail).getByTestId("agent-apply"));
    await waitFor(() => expect(patches(sent)).toHaveLength(2));
    expect(patches(sent)[1]).toEqual({ method: "POST", path: "/api/admin/config/apply", body: { scope: "employee", id: "emp-ryan" } });
    expect((await within(detail).findByText(/Applied: 0 session\(s\) stopped, 1 refreshed/)).getAttribute("role")).toBe("status");
    await userEvent.click(within(detail).getByRole("button", { name: "Apply now to everyone in Software Engineer" }));
    await waitFor(() => expect(patches(sent)[2]).toEqual({ method: "POST", path: "/api/admin/config/apply", body: { scope: "position", id: "pos-sde" } }));

    cleanup();
    routes();
    renderPage(manager);
    const managerDetail = await openRyan();
    await within(managerDetail).findByTestId("routing-form");
    expect(within(managerDetail).queryByTestId("routing-always-on")).toBeNull();
    expect(within(managerDetail).getByLabelText("Runtime override")).toBeTruthy();
  });

  it("shows a level the server says the caller may not change read-only, with why, and no Save", async () => {
    const sent = routes({
      "GET /api/admin/positions/pos-sde/agent-config": json({ positionId: "pos-sde", overrides: ryanConfig.positionOverrides, affectedAgents: 4, canEdit: false }),
    });
    renderPage(manager);
    const detail = await openRyan();
    const positionForm = await within(detail).findByTestId("position-config-form");
    expect(within(positionForm).getByTestId("position-config-hint").textContent).toMatch(/^Read-only for you: this position belongs to a department above yours/);
    expect((within(positionForm).getByLabelText("Model") as HTMLSelectElement).value).toBe("clawgate-offline");
    expect((within(positionForm).getByLabelText("Model") as HTMLSelectElement).disabled).toBe(true);
    expect((within(positionForm).getByLabelText("Compaction") as HTMLSelectElement).disabled).toBe(true);
    expect(within(positionForm).queryByRole("button", { name: "Save" })).toBeNull();
    // The employee level stays editable, and so does routing.
    const employeeForm = within(detail).getByTestId("employee-config-form");
    expect((within(employeeForm).getByLabelText("Max output tokens") as HTMLInputElement).disabled).toBe(false);
    expect(within(employeeForm).getByRole("button", { name: "Save" })).toBeTruthy();
    expect(within(detail).getByTestId("routing-form")).toBeTruthy();

    cleanup();
    routes({ "GET /api/admin/employees/emp-ryan/agent-config": json({ ...ryanConfig, canEdit: false }) });
    renderPage(manager, "zh");
    await userEvent.click(await screen.findByRole("button", { name: "Ryan Park 的智能体详情" }));
    const lockedDetail = await screen.findByTestId("agent-detail");
    const lockedEmployee = await within(lockedDetail).findByTestId("employee-config-form");
    expect(within(lockedEmployee).getByTestId("employee-config-hint").textContent).toMatch(/^你只能查看：经理可以更改普通员工和自己的智能体/);
    expect(within(lockedEmployee).queryByRole("button", { name: "保存" })).toBeNull();
    expect(within(lockedDetail).queryByTestId("routing-form")).toBeNull();
    expect(within(lockedDetail).getByTestId("agent-route")).toBeTruthy();
    expect(sent.filter((r) => r.method !== "GET")).toEqual([]);
  });

  it("lists the employee's schedules in words with their next run and state, or says there are none", async () => {
    const schedule = (over: Partial<Schedule>): Schedule => ({
      id: "s-1",
      employeeId: "emp-ryan",
      name: "Check email",
      prompt: "Remind me to check my email",
      timing: { kind: "cron", expr: "0 7 * * 1-5", tz: "Asia/Shanghai" },
      status: "active",
      nextRunAt: "2026-11-23T23:00:00.000Z",
      lastRunAt: null,
      createdAt: "2026-11-20T10:00:00.000Z",
      updatedAt: "2026-11-20T10:00:00.000Z",
      ...over,
    });
    routes({
      "GET /api/admin/schedules": json({
        employeeId: "emp-ryan",
        schedules: [schedule({}), schedule({ id: "s-2", name: "", prompt: "Stand up and stretch", timing: { kind: "every", everyMs: 7_200_000 }, status: "paused" })],
      }),
    });
    renderPage(manager);
    const detail = await openRyan();
    const section = within(detail).getByTestId("agent-schedules");
    const rows = await within(section).findAllByTestId("agent-schedule");
    expect(within(section).getByRole("table", { name: "Ryan Park's scheduled tasks" })).toBeTruthy();
    expect(rows[0]!.textContent).toContain("Every weekday at 07:00");
    expect(rows[0]!.textContent).toContain("cron 0 7 * * 1-5 · Asia/Shanghai");
    expect(rows[0]!.textContent).toContain(new Date("2026-11-23T23:00:00.000Z").toLocaleString("en", { dateStyle: "medium", timeStyle: "short" }));
    expect(rows[0]!.textContent).toMatch(/active$/);
    expect(within(rows[1]!).getByRole("rowheader").textContent).toBe("Stand up and stretch");
    expect(rows[1]!.textContent).toContain("Every 2 hours");
    expect(rows[1]!.textContent).toMatch(/—paused$/);
    const asked = vi.mocked(fetch).mock.calls.map(([url]) => String(url)).filter((url) => url.startsWith("/api/admin/schedules"));
    expect(asked).toEqual(["/api/admin/schedules?employeeId=emp-ryan"]);

    cleanup();
    routes();
    renderPage(admin, "zh");
    await userEvent.click(await screen.findByRole("button", { name: "Ryan Park 的智能体详情" }));
    expect((await screen.findByTestId("agent-schedules-empty")).textContent).toMatch(/^Ryan Park 没有定时任务/);
  });

  it("speaks Chinese when the console does", async () => {
    routes();
    renderPage(admin, "zh");
    expect(await screen.findByRole("heading", { name: "智能体工厂" })).toBeTruthy();
    expect(await screen.findByText("从未使用")).toBeTruthy();
    await userEvent.click(screen.getByRole("button", { name: "Ryan Park 的智能体详情" }));
    const detail = await screen.findByTestId("agent-detail");
    expect((await within(detail).findByTestId("agent-route-reason")).textContent).toBe("Ryan Park 及其岗位（Software Engineer）都没有指定运行时，因此由默认运行时（standard）服务。");
  });
});
