import { cleanup, render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import type { Budget, BudgetException, BudgetState, Me, UsageRow } from "@clawgate/contracts";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { LanguageProvider, type Language } from "../../i18n/language.tsx";
import { fakeFetch, json, type SentRequest } from "../portal/testing/fakeFetch.ts";
import { CostPage } from "./CostPage.tsx";

const admin: Me = { employeeId: "emp-jiade", name: "JiaDe Wang", role: "admin", position: { id: "pos-sa", name: "Solutions Architect" }, department: { id: "dept-eng", name: "Engineering" }, mustChangePassword: false };
const manager: Me = { ...admin, employeeId: "emp-mike", name: "Mike Johnson", role: "manager" };

const row = (key: string, label: string | null, costUsd: number, turns = 3): UsageRow => ({ key, label, turns, inputTokens: 1200, outputTokens: 300, costUsd, unpricedTurns: 0 });
const rollup = (groupBy: string, rows: UsageRow[]) => ({
  groupBy,
  from: "2026-11-01T00:00:00.000Z",
  to: "2026-11-21T18:00:00.000Z",
  rows,
  total: { turns: 9, inputTokens: 3600, outputTokens: 900, costUsd: 14.5, unpricedTurns: 0 },
});

const GLOBAL: Budget = { id: "bud-global", scope: "global", scopeId: null, monthlyLimitUsd: 10, updatedAt: "", updatedBy: "emp-jiade" };
const PLATFORM: Budget = { id: "bud-platform", scope: "department", scopeId: "dept-platform", monthlyLimitUsd: 40, updatedAt: "", updatedBy: "emp-jiade" };
const LISA: Budget = { id: "bud-lisa", scope: "employee", scopeId: "emp-lisa", monthlyLimitUsd: 20, updatedAt: "", updatedBy: "emp-jiade" };

const state = (over: Partial<BudgetState>): BudgetState => ({
  month: "2026-11",
  limitUsd: 10,
  spentUsd: 0,
  unpricedTurns: 0,
  level: "global",
  source: { budgetId: "bud-global", scope: "global", scopeId: null },
  warn: false,
  exceeded: false,
  exception: null,
  refuseTurns: false,
  ...over,
});

const STATES: Record<string, BudgetState> = {
  // Over the global limit with nobody's exception: refused.
  "emp-ryan": state({ spentUsd: 11, warn: true, exceeded: true, refuseTurns: true }),
  // Their own budget, comfortably within it.
  "emp-lisa": state({ spentUsd: 3, limitUsd: 20, level: "employee", source: { budgetId: "bud-lisa", scope: "employee", scopeId: "emp-lisa" } }),
};

const EXCEPTION: BudgetException = {
  id: "bex-1",
  employeeId: "emp-mike",
  reason: "Quarter-end reporting",
  grantedBy: "emp-jiade",
  grantedAt: "2026-11-02T09:00:00.000Z",
  expiresAt: "2026-11-30T23:00:00.000Z",
  revokedAt: null,
  active: true,
};

const EMPLOYEES = [
  { id: "emp-jiade", name: "JiaDe Wang" },
  { id: "emp-lisa", name: "Lisa Chen" },
  { id: "emp-ryan", name: "Ryan Park" },
  { id: "emp-mike", name: "Mike Johnson" },
];

function routes(extra: Record<string, (request: SentRequest) => { status?: number; body?: unknown }> = {}) {
  return fakeFetch({
    // No usage unless a test adds it with usageByGroup().
    "GET /api/admin/usage": json(rollup("department", [])),
    "GET /api/admin/budgets": json({ budgets: [GLOBAL, LISA, PLATFORM], exceptions: [EXCEPTION] }),
    "GET /api/admin/departments/tree": json({ roots: [{ id: "dept-eng", name: "Engineering", parentId: null, roleName: "eng", children: [{ id: "dept-platform", name: "Platform", parentId: "dept-eng", roleName: "eng", children: [] }] }] }),
    "GET /api/admin/employees": json({ employees: EMPLOYEES, nextCursor: null }),
    "GET /api/admin/budgets/employees/emp-ryan": json(STATES["emp-ryan"]),
    "GET /api/admin/budgets/employees/emp-lisa": json(STATES["emp-lisa"]),
    ...extra,
  });
}

/** The fake's routes ignore the query, so the rollups are answered per groupBy from the URL fetch saw. */
function usageByGroup() {
  const byGroup: Record<string, UsageRow[]> = {
    department: [row("dept-eng", "Engineering", 14.5, 9)],
    employee: [row("emp-ryan", "Ryan Park", 11), row("emp-lisa", "Lisa Chen", 3), row("emp-jiade", "JiaDe Wang", 0.5)],
    model: [row("us.anthropic.claude-sonnet-4", "us.anthropic.claude-sonnet-4", 14.5, 9)],
    day: [row("2026-11-21", null, 14.5, 9)],
  };
  const fetch = globalThis.fetch as unknown as ReturnType<typeof vi.fn>;
  const inner = fetch.getMockImplementation() as (input: string, init?: RequestInit) => Promise<Response>;
  fetch.mockImplementation(async (input: string, init?: RequestInit) => {
    const url = new URL(input, "http://console.test");
    if (url.pathname === "/api/admin/usage") {
      const groupBy = url.searchParams.get("groupBy") ?? "";
      return new Response(JSON.stringify(rollup(groupBy, byGroup[groupBy] ?? [])), { status: 200, headers: { "Content-Type": "application/json" } });
    }
    return inner(input, init);
  });
}

function renderPage(me: Me = admin, language: Language = "en") {
  return render(
    <LanguageProvider initial={language}>
      <CostPage me={me} />
    </LanguageProvider>,
  );
}

const changes = (sent: SentRequest[]) => sent.filter((r) => r.method !== "GET");

describe("Usage & Cost", () => {
  beforeEach(() => {
    vi.spyOn(window, "confirm").mockReturnValue(true);
    // recharts' ResponsiveContainer measures with ResizeObserver, which jsdom lacks.
    vi.stubGlobal(
      "ResizeObserver",
      class {
        observe() {}
        unobserve() {}
        disconnect() {}
      },
    );
  });
  afterEach(() => {
    cleanup();
    vi.unstubAllGlobals();
    vi.restoreAllMocks();
  });

  it("lists budgets with where people stand, who is over, and the exceptions in force, beside the charts", async () => {
    const sent = routes();
    usageByGroup();
    renderPage();
    const budgets = await screen.findByTestId("budgets");
    const rows = within(budgets).getAllByTestId("budget-row").map((r) => Array.from(r.querySelectorAll("th, td")).map((c) => c.textContent));
    expect(rows[0]!.slice(0, 4)).toEqual(["Everyone", "$10.00 per employee", "highest $11.00", "1 exceeded (1 refused)"]);
    expect(rows[1]!.slice(0, 4)).toEqual(["Employee: Lisa Chen", "$20.00", "$3.00", "within budget"]);
    // Nobody it governs came near a limit, so nobody was asked about: each is below 80 % of it.
    expect(rows[2]!.slice(0, 4)).toEqual(["Department: Platform", "$40.00 per employee", "each under $32.00", "everyone under 80 %"]);
    // Only those near a limit or with their own budget are asked about, not JiaDe at $0.50.
    expect(sent.filter((r) => r.path.startsWith("/api/admin/budgets/employees/")).map((r) => r.path).sort()).toEqual(["/api/admin/budgets/employees/emp-lisa", "/api/admin/budgets/employees/emp-ryan"]);
    const near = screen.getByTestId("budget-near");
    expect(within(near).getAllByRole("row")[1]!.textContent).toContain("Ryan Park$11.00 / $10.00everyone'sexceeded — turns refused");
    const active = screen.getByTestId("budget-active-exceptions");
    expect(within(active).getAllByRole("row")[1]!.textContent).toContain("Mike JohnsonQuarter-end reportingJiaDe Wang");
    for (const chart of ["cost-department", "cost-employee", "cost-model", "cost-day"]) expect(screen.getByTestId(`${chart}-chart`)).toBeTruthy();
    expect(screen.queryByText(/budgets API/)).toBeNull();
  });

  it("adds a department budget, and shows the server's 409 and 400 next to the form", async () => {
    let answer: { status: number; body: unknown } = { status: 409, body: { error: { code: "conflict", message: "This scope already has a budget; change that one instead." } } };
    const sent = routes({ "POST /api/admin/budgets": () => answer });
    renderPage();
    const form = await screen.findByTestId("budget-new-form");
    await userEvent.selectOptions(within(form).getByLabelText("Applies to"), "department");
    await userEvent.selectOptions(within(form).getByLabelText("Department"), "dept-platform");
    await userEvent.type(within(form).getByLabelText("Monthly limit per employee (USD)"), "25.50");
    await userEvent.click(within(form).getByRole("button", { name: "Add budget" }));
    expect((await within(form).findByRole("alert")).textContent).toBe("This scope already has a budget; change that one instead.");
    expect(changes(sent)).toEqual([{ method: "POST", path: "/api/admin/budgets", body: { scope: "department", scopeId: "dept-platform", monthlyLimitUsd: 25.5 } }]);

    answer = { status: 400, body: { error: { code: "invalid_request", message: "monthlyLimitUsd: Too big", issues: [{ path: "monthlyLimitUsd", message: "Too big: expected number to be <=10000000" }] } } };
    await userEvent.clear(within(form).getByLabelText("Monthly limit per employee (USD)"));
    await userEvent.type(within(form).getByLabelText("Monthly limit per employee (USD)"), "99999999");
    await userEvent.click(within(form).getByRole("button", { name: "Add budget" }));
    expect((await within(form).findByTestId("budget-new-monthlyLimitUsd-error")).textContent).toBe("Too big: expected number to be <=10000000");
    expect(within(form).getByLabelText("Monthly limit per employee (USD)").getAttribute("aria-invalid")).toBe("true");

    answer = { status: 201, body: { id: "bud-platform", scope: "department", scopeId: "dept-platform", monthlyLimitUsd: 25.5, updatedAt: "", updatedBy: "emp-jiade" } };
    await userEvent.clear(within(form).getByLabelText("Monthly limit per employee (USD)"));
    await userEvent.type(within(form).getByLabelText("Monthly limit per employee (USD)"), "25.5");
    await userEvent.click(within(form).getByRole("button", { name: "Add budget" }));
    expect((await screen.findByText(/Saved the budget of Department: Platform/)).getAttribute("role")).toBe("status");
  });

  it("changes a budget's limit, deletes one, grants an exception to someone over budget and revokes one", async () => {
    const sent = routes({
      "PATCH /api/admin/budgets/bud-global": json({ ...GLOBAL, monthlyLimitUsd: 15 }),
      "DELETE /api/admin/budgets/bud-lisa": json({ deleted: "bud-lisa" }),
      "POST /api/admin/budgets/exceptions": json({ ...EXCEPTION, id: "bex-2", employeeId: "emp-ryan" }, 201),
      "DELETE /api/admin/budgets/exceptions/bex-1": json({ ...EXCEPTION, active: false, revokedAt: "2026-11-21T18:00:00.000Z" }),
    });
    usageByGroup();
    renderPage();
    await userEvent.click(await screen.findByRole("button", { name: "Edit the budget of Everyone" }));
    const edit = screen.getByTestId("budget-bud-global-form");
    expect(within(edit).queryByLabelText("Applies to")).toBeNull();
    expect(document.activeElement).toBe(within(edit).getByLabelText("Monthly limit per employee (USD)"));
    await userEvent.clear(within(edit).getByLabelText("Monthly limit per employee (USD)"));
    await userEvent.type(within(edit).getByLabelText("Monthly limit per employee (USD)"), "15");
    await userEvent.click(within(edit).getByRole("button", { name: "Save" }));
    await waitFor(() => expect(changes(sent)[0]).toEqual({ method: "PATCH", path: "/api/admin/budgets/bud-global", body: { monthlyLimitUsd: 15 } }));

    await userEvent.click(screen.getByRole("button", { name: "Delete the budget of Employee: Lisa Chen" }));
    await waitFor(() => expect(changes(sent)[1]).toEqual({ method: "DELETE", path: "/api/admin/budgets/bud-lisa", body: undefined }));

    await userEvent.click(screen.getByRole("button", { name: "Grant Ryan Park an exception" }));
    const grant = screen.getByTestId("exception-form");
    expect((within(grant).getByLabelText("Employee") as HTMLSelectElement).value).toBe("emp-ryan");
    await waitFor(() => expect(document.activeElement).toBe(within(grant).getByLabelText("Reason")));
    await userEvent.type(within(grant).getByLabelText("Reason"), "Customer demo week");
    await userEvent.type(within(grant).getByLabelText("Until (end of the day)"), "2026-12-05");
    await userEvent.click(within(grant).getByRole("button", { name: "Grant exception" }));
    await waitFor(() =>
      expect(changes(sent)[2]).toEqual({
        method: "POST",
        path: "/api/admin/budgets/exceptions",
        body: { employeeId: "emp-ryan", reason: "Customer demo week", expiresAt: new Date("2026-12-05T23:59:59").toISOString() },
      }),
    );

    await userEvent.click(screen.getByRole("button", { name: "Revoke Mike Johnson's exception" }));
    await waitFor(() => expect(changes(sent)[3]).toEqual({ method: "DELETE", path: "/api/admin/budgets/exceptions/bex-1", body: undefined }));
  });

  it("shows the server's reason next to the exception field it refused", async () => {
    routes({
      "POST /api/admin/budgets/exceptions": json({ error: { code: "invalid_request", message: "expiresAt: must be in the future", issues: [{ path: "expiresAt", message: "must be in the future" }] } }, 400),
    });
    renderPage();
    const grant = await screen.findByTestId("exception-form");
    await userEvent.selectOptions(within(grant).getByLabelText("Employee"), "emp-lisa");
    await userEvent.type(within(grant).getByLabelText("Reason"), "Backfill");
    await userEvent.type(within(grant).getByLabelText("Until (end of the day)"), "2020-01-01");
    await userEvent.click(within(grant).getByRole("button", { name: "Grant exception" }));
    expect((await within(grant).findByTestId("exception-expiresAt-error")).textContent).toBe("must be in the future");
  });

  it("shows a manager the budgets and who is over without any admin action", async () => {
    routes();
    usageByGroup();
    renderPage(manager);
    const budgets = await screen.findByTestId("budgets");
    expect(within(budgets).getAllByTestId("budget-row")).toHaveLength(3);
    expect(screen.getByTestId("budget-near").textContent).toContain("Ryan Park");
    expect(screen.queryByTestId("budget-new-form")).toBeNull();
    expect(screen.queryByTestId("exception-form")).toBeNull();
    expect(screen.queryAllByRole("button")).toEqual([]);
  });

  it("speaks Chinese", async () => {
    routes();
    usageByGroup();
    renderPage(admin, "zh");
    const budgets = await screen.findByTestId("budgets");
    expect(screen.getByRole("heading", { level: 1 }).textContent).toBe("用量与成本——本月");
    expect(within(budgets).getAllByTestId("budget-row")[0]!.querySelector("th")!.textContent).toBe("全体");
    expect(within(budgets).getAllByTestId("budget-row")[0]!.textContent).toContain("1 人已超支（1 人被拒绝）");
    expect(screen.getByRole("button", { name: "添加预算" })).toBeTruthy();
    expect(screen.getByRole("heading", { name: "生效中的例外" })).toBeTruthy();
  });
});
