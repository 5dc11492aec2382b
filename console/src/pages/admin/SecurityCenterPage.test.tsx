import { cleanup, render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import type { AgentSummary, Guardrail, Runtime } from "@clawgate/contracts";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { LanguageProvider, type Language } from "../../i18n/language.tsx";
import { navItemsFor } from "../../navigation.ts";
import { fakeFetch, json, type SentRequest } from "../portal/testing/fakeFetch.ts";
import { SecurityCenterPage } from "./SecurityCenterPage.tsx";

const RUNTIMES: Runtime[] = [
  { id: "rt-executive", name: "executive", kind: "http", endpoint: "http://127.0.0.1:8080", isDefault: false, createdAt: "" },
  { id: "rt-standard", name: "standard", kind: "http", endpoint: "http://127.0.0.1:8080", isDefault: true, createdAt: "" },
];

const TOPICS: Guardrail = {
  id: "gr-topics",
  name: "Legal topics",
  kind: "builtin",
  bedrock: null,
  policy: { deniedTopics: [{ name: "Litigation", phrases: ["lawsuit", "pending litigation"] }], pii: [{ type: "email", action: "mask" }], wordLists: [] },
  blockedInputMessage: "I can't help with that.",
  blockedOutputMessage: "The reply was withheld.",
  runtimes: [{ runtimeId: "rt-standard", as: "input" }],
  updatedAt: "",
  updatedBy: "emp-jiade",
};

const AGENTS = [
  { employeeId: "emp-lisa", name: "Lisa Chen", positionName: "DevOps Engineer", runtime: { tier: "employee_override", runtimeId: "rt-executive", runtimeName: "executive" } },
  { employeeId: "emp-ryan", name: "Ryan Park", positionName: "Software Engineer", runtime: { tier: "default", runtimeId: "rt-standard", runtimeName: "standard" } },
] as AgentSummary[];

function routes(extra: Record<string, (request: SentRequest) => { status?: number; body?: unknown }> = {}) {
  return fakeFetch({
    "GET /api/admin/runtimes": json({ runtimes: RUNTIMES }),
    "GET /api/admin/guardrails": json({ guardrails: [TOPICS] }),
    "GET /api/admin/positions": json({
      positions: [
        { id: "pos-exec", name: "Executive", departmentId: "dept-eng", capabilities: [], defaultSkills: [], runtimeId: "rt-executive" },
        { id: "pos-legal", name: "Legal Counsel", departmentId: "dept-legal", capabilities: [], defaultSkills: [], runtimeId: "rt-standard" },
      ],
    }),
    "GET /api/admin/agents": json({ agents: AGENTS, asOf: "" }),
    "GET /api/admin/runtimes/rt-executive/guardrails": json({ runtimeId: "rt-executive", inputGuardrailId: null, outputGuardrailId: null, strict: false }),
    "GET /api/admin/runtimes/rt-standard/guardrails": json({ runtimeId: "rt-standard", inputGuardrailId: "gr-topics", outputGuardrailId: null, strict: true }),
    ...extra,
  });
}

function renderPage(language: Language = "en") {
  return render(
    <LanguageProvider initial={language}>
      <SecurityCenterPage />
    </LanguageProvider>,
  );
}

const changes = (sent: SentRequest[]) => sent.filter((r) => r.method !== "GET");

describe("Security Center", () => {
  beforeEach(() => vi.spyOn(window, "confirm").mockReturnValue(true));
  afterEach(() => {
    cleanup();
    vi.unstubAllGlobals();
    vi.restoreAllMocks();
  });

  it("lists runtimes, position routing with the agents routed on their own, guardrails and their attachments", async () => {
    routes();
    renderPage();
    const runtimes = await screen.findByTestId("security-runtimes");
    expect(within(runtimes).getAllByTestId("runtime-row").map((row) => row.querySelector("th")!.textContent)).toEqual(["executive rt-executive", "standarddefault rt-standard"]);
    const routing = screen.getByTestId("security-routing");
    expect((within(routing).getByLabelText("Runtime for Executive") as HTMLSelectElement).value).toBe("rt-executive");
    expect(within(routing).getByTestId("routing-exceptions").textContent).toBe("Lisa Chen (DevOps Engineer): own override: executive");
    const guardrail = within(screen.getByTestId("security-guardrails")).getByTestId("guardrail-row");
    expect(guardrail.textContent).toContain("1 topic(s), 1 personal data type(s), 0 word list(s)");
    expect(guardrail.textContent).toContain("standard (input)");
    const standard = screen.getByTestId("rg-rt-standard-form");
    expect((within(standard).getByLabelText("Input guardrail") as HTMLSelectElement).value).toBe("gr-topics");
    expect((within(standard).getByRole("checkbox") as HTMLInputElement).checked).toBe(true);
  });

  it("adds an AgentCore runtime and shows the server's validation next to the field", async () => {
    let answer: { status: number; body: unknown } = {
      status: 400,
      body: { error: { code: "invalid_request", message: "region: must be the region of the ARN", issues: [{ path: "region", message: "must be the region of the ARN" }] } },
    };
    const sent = routes({ "POST /api/admin/runtimes": () => answer });
    renderPage();
    const form = await screen.findByTestId("runtime-new-form");
    await userEvent.selectOptions(within(form).getByLabelText("Kind"), "agentcore");
    await userEvent.type(within(form).getByLabelText("Name"), "EU AgentCore");
    await userEvent.type(within(form).getByLabelText("Runtime ARN"), "arn:aws:bedrock-agentcore:eu-central-1:123456789012:runtime/clawgate_agent-AbCdEf1234");
    await userEvent.type(within(form).getByLabelText("Region"), "us-east-1");
    await userEvent.click(within(form).getByRole("button", { name: "Add runtime" }));
    expect((await within(form).findByTestId("runtime-new-region-error")).textContent).toBe("must be the region of the ARN");
    expect(changes(sent)[0]).toEqual({
      method: "POST",
      path: "/api/admin/runtimes",
      body: { kind: "agentcore", name: "EU AgentCore", arn: "arn:aws:bedrock-agentcore:eu-central-1:123456789012:runtime/clawgate_agent-AbCdEf1234", qualifier: "DEFAULT", region: "us-east-1" },
    });

    answer = { status: 201, body: { ...RUNTIMES[0], id: "rt-eu", name: "EU AgentCore" } };
    await userEvent.clear(within(form).getByLabelText("Region"));
    await userEvent.click(within(form).getByRole("button", { name: "Add runtime" }));
    await waitFor(() => expect(changes(sent)).toHaveLength(2));
    expect(changes(sent)[1]!.body).not.toHaveProperty("region");
    expect((await within(screen.getByTestId("security-runtimes")).findByRole("status")).textContent).toMatch(/Saved EU AgentCore/);
  });

  it("edits a runtime by sending only what changed", async () => {
    const sent = routes({ "PATCH /api/admin/runtimes/rt-executive": json({ ...RUNTIMES[0], endpoint: "https://executive.agents.acme.example" }) });
    renderPage();
    const runtimes = await screen.findByTestId("security-runtimes");
    await userEvent.click(within(runtimes).getByRole("button", { name: "Edit runtime executive" }));
    const form = within(runtimes).getByTestId("runtime-rt-executive-form");
    expect(within(form).queryByLabelText("Kind")).toBeNull();
    await userEvent.clear(within(form).getByLabelText("Endpoint URL"));
    await userEvent.type(within(form).getByLabelText("Endpoint URL"), "https://executive.agents.acme.example");
    await userEvent.click(within(form).getByRole("button", { name: "Save" }));
    await waitFor(() => expect(changes(sent)).toEqual([{ method: "PATCH", path: "/api/admin/runtimes/rt-executive", body: { endpoint: "https://executive.agents.acme.example" } }]));
    await waitFor(() => expect(within(runtimes).queryByTestId("runtime-rt-executive-form")).toBeNull());
  });

  it("makes a runtime the default, and explains why one cannot be deleted", async () => {
    const sent = routes({
      "PATCH /api/admin/runtimes/rt-executive": json({ ...RUNTIMES[0], isDefault: true }),
      "DELETE /api/admin/runtimes/rt-executive": json(
        { error: { code: "conflict", message: "1 position(s) and 1 employee(s) are routed to executive; route them elsewhere first.", blockers: { positions: 1, employees: 1, departments: 0 } } },
        409,
      ),
    });
    renderPage();
    const runtimes = await screen.findByTestId("security-runtimes");
    await userEvent.click(within(runtimes).getByRole("button", { name: "Make executive the default runtime" }));
    await waitFor(() => expect(changes(sent)[0]).toEqual({ method: "PATCH", path: "/api/admin/runtimes/rt-executive", body: { isDefault: true } }));
    await userEvent.click(within(runtimes).getByRole("button", { name: "Delete runtime executive" }));
    const alert = await within(runtimes).findByRole("alert");
    expect(alert.textContent).toMatch(/^Not deleted: 1 position\(s\) and 1 employee\(s\) are routed to executive.*Change the position routing below/);
  });

  it("routes a position, attaches guardrails with strict mode, and explains a guardrail still in use", async () => {
    const sent = routes({
      "PATCH /api/admin/positions/pos-legal": json({ id: "pos-legal", name: "Legal Counsel", departmentId: "dept-legal", capabilities: [], defaultSkills: [], runtimeId: "rt-executive" }),
      "PUT /api/admin/runtimes/rt-executive/guardrails": json({ runtimeId: "rt-executive", inputGuardrailId: "gr-topics", outputGuardrailId: "gr-topics", strict: true }),
      "DELETE /api/admin/guardrails/gr-topics": json({ error: { code: "conflict", message: "Runtime(s) rt-standard use this guardrail", runtimes: [{ runtimeId: "rt-standard", as: "input" }] } }, 409),
    });
    renderPage();
    const routing = await screen.findByTestId("security-routing");
    await userEvent.selectOptions(within(routing).getByLabelText("Runtime for Legal Counsel"), "rt-executive");
    await userEvent.click(within(routing).getByRole("button", { name: "Save the runtime of Legal Counsel" }));
    await waitFor(() => expect(changes(sent)[0]).toEqual({ method: "PATCH", path: "/api/admin/positions/pos-legal", body: { runtimeId: "rt-executive" } }));

    const executive = screen.getByTestId("rg-rt-executive-form");
    await userEvent.selectOptions(within(executive).getByLabelText("Input guardrail"), "gr-topics");
    await userEvent.selectOptions(within(executive).getByLabelText("Output guardrail"), "gr-topics");
    await userEvent.click(within(executive).getByRole("checkbox"));
    await userEvent.click(within(executive).getByRole("button", { name: "Save the guardrails of executive" }));
    await waitFor(() =>
      expect(changes(sent)[1]).toEqual({ method: "PUT", path: "/api/admin/runtimes/rt-executive/guardrails", body: { inputGuardrailId: "gr-topics", outputGuardrailId: "gr-topics", strict: true } }),
    );

    const guardrails = screen.getByTestId("security-guardrails");
    await userEvent.click(within(guardrails).getByRole("button", { name: "Delete guardrail Legal topics" }));
    expect((await within(guardrails).findByRole("alert")).textContent).toBe('Not deleted: standard (input) use this guardrail. Detach it under "Guardrails per runtime" first, then delete it.');
  });

  it("adds a built-in guardrail from topics, personal data and word lists", async () => {
    const sent = routes({ "POST /api/admin/guardrails": json({ ...TOPICS, id: "gr-new", name: "Finance" }, 201) });
    renderPage();
    const form = await screen.findByTestId("guardrail-new-form");
    await userEvent.type(within(form).getByLabelText("Name"), "Finance");
    await userEvent.type(within(form).getByLabelText("Message when the input is blocked"), "Not here.");
    await userEvent.type(within(form).getByLabelText("Message when the reply is blocked"), "Withheld.");
    await userEvent.click(within(form).getByRole("button", { name: "Add topic" }));
    await userEvent.type(within(form).getByLabelText("Topic 1 name"), "Insider");
    await userEvent.type(within(form).getByLabelText("Topic 1 phrases, one per line"), "insider trading{Enter}earnings leak");
    await userEvent.selectOptions(within(form).getByLabelText("Action for iban"), "block");
    await userEvent.click(within(form).getByRole("button", { name: "Add word list" }));
    await userEvent.type(within(form).getByLabelText("Word list 1 name"), "Codenames");
    await userEvent.type(within(form).getByLabelText("Word list 1 words, one per line"), "Project Falcon");
    await userEvent.selectOptions(within(form).getByLabelText("Word list 1 action"), "mask");
    await userEvent.click(within(form).getByRole("button", { name: "Add guardrail" }));
    await waitFor(() => expect(changes(sent)).toHaveLength(1));
    expect(changes(sent)[0]!.body).toEqual({
      kind: "builtin",
      name: "Finance",
      blockedInputMessage: "Not here.",
      blockedOutputMessage: "Withheld.",
      policy: {
        deniedTopics: [{ name: "Insider", phrases: ["insider trading", "earnings leak"] }],
        pii: [{ type: "iban", action: "block" }],
        wordLists: [{ name: "Codenames", words: ["Project Falcon"], action: "mask" }],
      },
    });
  });

  it("is in the admins' navigation only", () => {
    expect(navItemsFor("admin").some((item) => item.id === "security")).toBe(true);
    expect(navItemsFor("manager").some((item) => item.id === "security")).toBe(false);
    expect(navItemsFor("employee").some((item) => item.id === "security")).toBe(false);
  });

  it("speaks Chinese when the console does", async () => {
    routes();
    renderPage("zh");
    expect(await screen.findByRole("heading", { name: "安全中心" })).toBeTruthy();
    expect(await screen.findByRole("heading", { name: "各运行时的护栏" })).toBeTruthy();
  });
});
