import { cleanup, render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import type { AuditEvent } from "@clawgate/contracts";
import { afterEach, describe, expect, it, vi } from "vitest";
import { LanguageProvider, type Language } from "../../i18n/language.tsx";
import { AuditPage } from "./AuditPage.tsx";

const event = (id: string, type: string, actor: string): AuditEvent => ({
  id,
  at: "2026-11-20T09:30:00.000Z",
  type,
  category: null,
  actor,
  employeeId: actor,
  detail: type === "auth.login" ? { method: "password" } : {},
});

/** The audit API at the fetch boundary, answering from the query the page sent (type filter and cursor). */
function fakeAuditApi(events: AuditEvent[], pageSize = 50) {
  const queries: URLSearchParams[] = [];
  vi.stubGlobal(
    "fetch",
    vi.fn(async (input: string) => {
      const url = new URL(input, "http://console.test");
      if (url.pathname !== "/api/admin/audit") return Response.json({ error: { code: "not_found", message: "no fake" } }, { status: 404 });
      queries.push(url.searchParams);
      const type = url.searchParams.get("type");
      const matching = events.filter((e) => !type || e.type === type);
      const start = Number(url.searchParams.get("cursor") ?? 0);
      const page = matching.slice(start, start + pageSize);
      return Response.json({ events: page, nextCursor: start + pageSize < matching.length ? String(start + pageSize) : null });
    }),
  );
  return queries;
}

function renderAudit(language: Language = "en") {
  return render(
    <LanguageProvider initial={language}>
      <AuditPage />
    </LanguageProvider>,
  );
}

const types = () => screen.getAllByTestId("audit-event").map((row) => row.getAttribute("data-type"));

describe("the audit page", () => {
  afterEach(() => {
    cleanup();
    vi.unstubAllGlobals();
  });

  it("lists events, filters by type (the export links follow the filter) and loads more", async () => {
    const queries = fakeAuditApi([event("a1", "auth.login", "emp-carol"), event("a2", "soul.updated", "emp-jiade"), event("a3", "auth.login", "emp-ryan")], 2);
    renderAudit();
    await waitFor(() => expect(types()).toEqual(["auth.login", "soul.updated"]));
    expect(within(screen.getByTestId("audit-events")).getByText('{"method":"password"}', { exact: false })).toBeTruthy();

    await userEvent.click(screen.getByTestId("audit-more"));
    await waitFor(() => expect(types()).toEqual(["auth.login", "soul.updated", "auth.login"]));
    expect(screen.queryByTestId("audit-more")).toBeNull();

    await userEvent.selectOptions(screen.getByTestId("audit-type"), "auth.login");
    await userEvent.click(screen.getByTestId("audit-apply"));
    await waitFor(() => expect(types()).toEqual(["auth.login", "auth.login"]));
    expect(queries.at(-1)?.get("type")).toBe("auth.login");
    expect(screen.getByTestId("audit-export-csv").getAttribute("href")).toBe("/api/admin/audit/export?type=auth.login&format=csv");
  });

  it("says what to do when nothing matches", async () => {
    fakeAuditApi([]);
    renderAudit();
    expect((await screen.findByTestId("audit-empty")).textContent).toBe("No events match these filters. Widen the time range or clear a filter.");
  });

  it("shows the server's refusal with what to check", async () => {
    vi.stubGlobal("fetch", vi.fn(async () => Response.json({ error: { code: "bad_request", message: "from must be a date." } }, { status: 400 })));
    renderAudit();
    expect((await screen.findByRole("alert")).textContent).toBe("from must be a date. Check the filters and try again.");
  });

  it("speaks Chinese: headings, filters, the empty state and the table", async () => {
    fakeAuditApi([]);
    renderAudit("zh");
    expect(screen.getByRole("heading", { name: "审计" })).toBeTruthy();
    expect(screen.getByRole("form", { name: "筛选审计记录" })).toBeTruthy();
    expect(screen.getByLabelText("事件类型")).toBeTruthy();
    expect((await screen.findByTestId("audit-empty")).textContent).toBe("没有符合这些筛选条件的事件。请扩大时间范围或清除某个筛选条件。");
    cleanup();

    fakeAuditApi([event("a1", "auth.login", "emp-carol")]);
    renderAudit("zh");
    await waitFor(() => expect(types()).toEqual(["auth.login"]));
    expect(screen.getByRole("columnheader", { name: "操作者" })).toBeTruthy();
    expect(screen.getByRole("table", { name: "审计事件，最新的在前" })).toBeTruthy();
  });
});
