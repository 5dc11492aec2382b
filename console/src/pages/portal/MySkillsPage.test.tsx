import { cleanup, render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import type { PortalSkill, SkillRequest } from "@clawgate/contracts";
import { afterEach, describe, expect, it, vi } from "vitest";
import { LanguageProvider, type Language } from "../../i18n/language.tsx";
import { MySkillsPage } from "./MySkillsPage.tsx";
import { fakeFetch, json } from "./testing/fakeFetch.ts";

const skill = (name: string, status: PortalSkill["status"]): PortalSkill => ({
  name,
  version: "1.0.0",
  description: `${name} for your agent`,
  permissions: name === "web-search" ? ["web_search"] : [],
  status,
});

const request = (overrides: Partial<SkillRequest>): SkillRequest => ({
  id: "skr-1",
  employeeId: "emp-carol",
  skill: "jira",
  reason: "I track deals in Jira",
  status: "rejected",
  decidedBy: "emp-mike",
  decidedAt: "2026-11-20T11:00:00.000Z",
  decisionReason: "Sales does not use Jira",
  createdAt: "2026-11-20T10:00:00.000Z",
  ...overrides,
});

function renderPage(language: Language = "en") {
  return render(
    <LanguageProvider initial={language}>
      <MySkillsPage />
    </LanguageProvider>,
  );
}

describe("My Skills page", () => {
  afterEach(() => {
    cleanup();
    vi.unstubAllGlobals();
  });

  it("groups skills into mine, requestable and not allowed, and lists my requests with the decision", async () => {
    fakeFetch({
      "GET /api/portal/skills": json({
        skills: [skill("crm-lookup", "position"), skill("web-search", "installed"), skill("pdf-tools", "available"), skill("jira", "requested"), skill("shell-admin", "not_allowed")],
      }),
      "GET /api/portal/skills/requests": json({ requests: [request({ id: "skr-2", status: "pending", decidedBy: null, decidedAt: null, decisionReason: null }), request({})] }),
    });
    renderPage();

    const mine = await screen.findByRole("region", { name: "In your workspace" });
    expect(within(mine).getAllByTestId("my-skill").map((li) => li.getAttribute("data-skill"))).toEqual(["crm-lookup", "web-search"]);
    expect(mine.textContent).toContain("From your position");
    expect(mine.textContent).toContain("web_search");

    const requestable = screen.getByRole("region", { name: "Available to request" });
    const [pdf, jira] = within(requestable).getAllByTestId("my-skill");
    expect(within(pdf!).getByTestId("skill-request-open")).toBeTruthy();
    expect(within(jira!).queryByTestId("skill-request-open")).toBeNull();
    expect(jira!.textContent).toContain("Requested");
    expect(requestable.textContent).toContain("1 more skill is not allowed for your role");

    const requests = screen.getAllByTestId("skill-request");
    expect(requests.map((r) => r.getAttribute("data-status"))).toEqual(["pending", "rejected"]);
    expect(requests[1]!.textContent).toContain("Reason given: Sales does not use Jira");
  });

  it("requests a skill with a reason and shows it as requested", async () => {
    let skills = [skill("pdf-tools", "available")];
    let requests: SkillRequest[] = [];
    const sent = fakeFetch({
      "GET /api/portal/skills": () => ({ body: { skills } }),
      "GET /api/portal/skills/requests": () => ({ body: { requests } }),
      "POST /api/portal/skills/requests": (req) => {
        const body = req.body as { skill: string; reason: string };
        skills = [skill("pdf-tools", "requested")];
        requests = [request({ skill: body.skill, reason: body.reason, status: "pending", decidedBy: null, decidedAt: null, decisionReason: null })];
        return { status: 201, body: requests[0] };
      },
    });
    renderPage();

    await userEvent.click(await screen.findByTestId("skill-request-open"));
    await userEvent.type(screen.getByLabelText("Why do you need pdf-tools?"), "  Contracts arrive as PDFs ");
    await userEvent.click(screen.getByTestId("skill-request-send"));

    expect((await screen.findByRole("status")).textContent).toContain("Asked for pdf-tools.");
    await waitFor(() => expect(screen.getByTestId("my-skill").getAttribute("data-status")).toBe("requested"));
    expect(screen.getByTestId("skill-request").textContent).toContain("Contracts arrive as PDFs");
    expect(sent.filter((r) => r.method === "POST")).toEqual([{ method: "POST", path: "/api/portal/skills/requests", body: { skill: "pdf-tools", reason: "Contracts arrive as PDFs" } }]);
  });

  it("shows the server's refusal and keeps the form open", async () => {
    fakeFetch({
      "GET /api/portal/skills": json({ skills: [skill("pdf-tools", "available")] }),
      "GET /api/portal/skills/requests": json({ requests: [] }),
      "POST /api/portal/skills/requests": json({ error: { code: "skill_not_allowed", message: "Your role rules do not admit pdf-tools." } }, 422),
    });
    renderPage();
    await userEvent.click(await screen.findByTestId("skill-request-open"));
    await userEvent.type(screen.getByTestId("skill-request-reason"), "please");
    await userEvent.click(screen.getByTestId("skill-request-send"));
    expect((await screen.findByRole("alert")).textContent).toBe("Your role rules do not admit pdf-tools.");
    expect(screen.getByTestId("skill-request-form")).toBeTruthy();
  });

  it("explains an empty workspace and no requests, in Chinese too", async () => {
    fakeFetch({ "GET /api/portal/skills": json({ skills: [] }), "GET /api/portal/skills/requests": json({ requests: [] }) });
    renderPage("zh");
    expect((await screen.findByTestId("my-skills-empty")).textContent).toBe("智能体还没有技能，可在下方申请。");
    expect(screen.getByTestId("requestable-empty")).toBeTruthy();
    expect(screen.getByTestId("skill-requests-empty").textContent).toContain("你还没有申请过技能");
  });
});
