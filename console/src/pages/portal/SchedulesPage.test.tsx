import { act, cleanup, render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import type { InboxItem, Me, Schedule } from "@clawgate/contracts";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { NavBar } from "../../components/NavBar.tsx";
import { LanguageProvider, type Language } from "../../i18n/language.tsx";
import { SchedulesPage } from "./SchedulesPage.tsx";
import { refreshUnreadCount, setUnreadCount } from "./reminders/unreadCount.ts";
import { fakeFetch, json } from "./testing/fakeFetch.ts";

const me: Me = {
  employeeId: "emp-carol",
  name: "Carol",
  role: "employee",
  position: { id: "pos-sales", name: "Sales" },
  department: { id: "dep-sales", name: "Sales" },
  mustChangePassword: false,
};

const schedule = (overrides: Partial<Schedule>): Schedule => ({
  id: "job-1",
  employeeId: "emp-carol",
  name: "Sales report",
  prompt: "Remind me to check the sales report",
  timing: { kind: "cron", expr: "0 7 * * 1-5", tz: "America/New_York" },
  status: "active",
  nextRunAt: "2026-11-23T12:00:00.000Z",
  lastRunAt: null,
  createdAt: "2026-11-20T10:00:00.000Z",
  updatedAt: "2026-11-20T10:00:00.000Z",
  ...overrides,
});

const item = (overrides: Partial<InboxItem>): InboxItem => ({
  id: "inb-1",
  scheduleId: "job-1",
  turnId: "turn-1",
  title: "Sales report",
  text: "Time to check the sales report.",
  createdAt: "2026-11-20T12:00:00.000Z",
  readAt: null,
  deliveryError: null,
  ...overrides,
});

function renderPage(language: Language = "en") {
  return render(
    <LanguageProvider initial={language}>
      <NavBar me={me} current="reminders" onSignedOut={() => undefined} />
      <SchedulesPage />
    </LanguageProvider>,
  );
}

describe("Reminders page", () => {
  beforeEach(() => setUnreadCount(null));
  afterEach(() => {
    cleanup();
    vi.unstubAllGlobals();
    vi.useRealTimers();
  });

  it("shows each schedule in words with its cron and zone, and pauses, resumes and deletes after confirming", async () => {
    let schedules = [schedule({}), schedule({ id: "job-2", name: "", prompt: "Call Li Wei", timing: { kind: "every", everyMs: 7_200_000 }, status: "paused", nextRunAt: null })];
    const sent = fakeFetch({
      "GET /api/portal/schedules": () => ({ body: { schedules } }),
      "GET /api/portal/inbox": json({ items: [], unread: 0 }),
      "POST /api/portal/schedules/job-1/pause": () => ({ body: (schedules[0] = { ...schedules[0]!, status: "paused" }) }),
      "POST /api/portal/schedules/job-2/resume": () => ({ body: (schedules[1] = { ...schedules[1]!, status: "active", nextRunAt: "2026-11-21T20:00:00.000Z" }) }),
      "DELETE /api/portal/schedules/job-1": () => {
        schedules = schedules.filter((s) => s.id !== "job-1");
        return { status: 204 };
      },
    });
    renderPage();

    const rows = await screen.findAllByTestId("schedule");
    expect(rows).toHaveLength(2);
    expect(rows[0]!.textContent).toContain("Every weekday at 07:00");
    expect(rows[0]!.textContent).toContain("cron 0 7 * * 1-5 · America/New_York");
    expect(rows[1]!.textContent).toContain("Every 2 hours");
    expect(rows[1]!.textContent).toContain("Call Li Wei");
    expect(screen.getByText(/Every morning at 7 remind me/)).toBeTruthy();

    await userEvent.click(within(rows[0]!).getByTestId("schedule-pause"));
    await waitFor(() => expect(screen.getAllByTestId("schedule")[0]!.getAttribute("data-status")).toBe("paused"));
    expect(sent.filter((r) => r.method === "POST").map((r) => r.path)).toEqual(["/api/portal/schedules/job-1/pause"]);

    await userEvent.click(within(screen.getAllByTestId("schedule")[1]!).getByTestId("schedule-resume"));
    await waitFor(() => expect(screen.getAllByTestId("schedule")[1]!.getAttribute("data-status")).toBe("active"));

    // Delete asks first; cancelling sends nothing.
    await userEvent.click(within(screen.getAllByTestId("schedule")[0]!).getByTestId("schedule-delete"));
    expect(screen.getByText(/Delete “Sales report”\?/, { selector: "p" })).toBeTruthy();
    await userEvent.click(screen.getByRole("button", { name: "Cancel" }));
    expect(sent.some((r) => r.method === "DELETE")).toBe(false);

    await userEvent.click(within(screen.getAllByTestId("schedule")[0]!).getByTestId("schedule-delete"));
    await userEvent.click(screen.getByTestId("schedule-delete-confirm"));
    await waitFor(() => expect(screen.getAllByTestId("schedule")).toHaveLength(1));
    expect(sent.filter((r) => r.method === "DELETE").map((r) => r.path)).toEqual(["/api/portal/schedules/job-1"]);
    expect(screen.getByRole("status").textContent).toContain("Deleted “Sales report”.");
  });

  it("shows a failed action's server message and keeps the schedule as it was", async () => {
    fakeFetch({
      "GET /api/portal/schedules": json({ schedules: [schedule({})] }),
      "GET /api/portal/inbox": json({ items: [], unread: 0 }),
      "POST /api/portal/schedules/job-1/pause": json({ error: { code: "not_found", message: "No such schedule." } }, 404),
    });
    renderPage();
    await userEvent.click(await screen.findByTestId("schedule-pause"));
    expect((await screen.findByRole("alert")).textContent).toBe("No such schedule.");
    expect(screen.getByTestId("schedule").getAttribute("data-status")).toBe("active");
  });

  it("lists unread notifications first with delivery failures, and marking read updates the nav badge", async () => {
    let items = [
      item({ id: "inb-old", title: "Yesterday's report", createdAt: "2026-11-19T12:00:00.000Z", readAt: "2026-11-19T13:00:00.000Z" }),
      item({ id: "inb-1", title: "Standup", createdAt: "2026-11-20T09:00:00.000Z", deliveryError: "Telegram answered 403: bot was blocked by the user" }),
      item({ id: "inb-2", title: "Sales report", createdAt: "2026-11-20T12:00:00.000Z" }),
    ];
    const unread = () => items.filter((i) => i.readAt === null).length;
    const sent = fakeFetch({
      "GET /api/portal/schedules": json({ schedules: [] }),
      "GET /api/portal/inbox": () => ({ body: { items, unread: unread() } }),
      "POST /api/portal/inbox/inb-1/read": () => {
        items = items.map((i) => (i.id === "inb-1" ? { ...i, readAt: "2026-11-21T00:00:00.000Z" } : i));
        return { status: 204 };
      },
      "POST /api/portal/inbox/inb-2/read": () => {
        items = items.map((i) => (i.id === "inb-2" ? { ...i, readAt: "2026-11-21T00:00:00.000Z" } : i));
        return { status: 204 };
      },
    });
    renderPage();

    expect(await screen.findByRole("link", { name: "Reminders, 2 unread" })).toBeTruthy();
    const listed = await screen.findAllByTestId("inbox-item");
    expect(listed.map((li) => li.querySelector("h3")!.textContent!.replace("Unread", "").trim())).toEqual(["Sales report", "Standup", "Yesterday's report"]);
    expect(listed[1]!.textContent).toContain("Not delivered to your IM account: Telegram answered 403: bot was blocked by the user");
    expect(listed[0]!.textContent).toContain("No IM account was paired");

    await userEvent.click(within(listed[1]!).getByTestId("inbox-mark-read"));
    expect(await screen.findByRole("link", { name: "Reminders, 1 unread" })).toBeTruthy();
    expect(screen.getByTestId("reminders-unread").textContent).toBe("1");
    expect(sent.filter((r) => r.method === "POST").map((r) => r.path)).toEqual(["/api/portal/inbox/inb-1/read"]);

    await userEvent.click(screen.getByTestId("inbox-mark-all"));
    expect(await screen.findByRole("link", { name: "Reminders" })).toBeTruthy();
    expect(screen.queryByTestId("reminders-unread")).toBeNull();
    expect(sent.filter((r) => r.method === "POST").map((r) => r.path)).toEqual(["/api/portal/inbox/inb-1/read", "/api/portal/inbox/inb-2/read"]);
    expect(screen.getByTestId("inbox-unread").textContent).toContain("All read");
  });

  it("fetches the inbox again when the badge's poll finds a new notification", async () => {
    let items = [item({ id: "inb-1", readAt: "2026-11-20T13:00:00.000Z" })];
    fakeFetch({
      "GET /api/portal/schedules": json({ schedules: [] }),
      "GET /api/portal/inbox": () => ({ body: { items, unread: items.filter((i) => i.readAt === null).length } }),
    });
    renderPage();
    expect(await screen.findAllByTestId("inbox-item")).toHaveLength(1);

    items = [item({ id: "inb-2", title: "Standup", createdAt: "2026-11-21T09:00:00.000Z" }), ...items];
    await refreshUnreadCount(); // what the badge's timer does every minute
    await waitFor(() => expect(screen.getAllByTestId("inbox-item")).toHaveLength(2));
    expect(screen.getAllByTestId("inbox-item")[0]!.getAttribute("data-read")).toBe("false");
    expect(await screen.findByRole("link", { name: "Reminders, 1 unread" })).toBeTruthy();
  });

  it("shows a schedule the agent created in chat without a reload: every minute, and when the inbox poll sees a change", async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    let schedules: Schedule[] = [];
    let items: InboxItem[] = [];
    const sent = fakeFetch({
      "GET /api/portal/schedules": () => ({ body: { schedules } }),
      "GET /api/portal/inbox": () => ({ body: { items, unread: items.filter((i) => i.readAt === null).length } }),
    });
    renderPage();
    expect(await screen.findByTestId("schedules-empty")).toBeTruthy();
    const loads = () => sent.filter((r) => r.path === "/api/portal/schedules").length;
    expect(loads()).toBe(1);

    schedules = [schedule({ id: "job-new", name: "Stretch", timing: { kind: "at", at: "2026-11-21T18:30:00.000Z" } })];
    await act(async () => {
      await vi.advanceTimersByTimeAsync(60_000);
    });
    expect((await screen.findAllByTestId("schedule")).map((row) => row.getAttribute("data-schedule"))).toEqual(["job-new"]);
    expect(loads()).toBe(2);
    // A one-off says when in words only; the raw instant is not repeated beside it.
    const when = screen.getByTestId("schedule").querySelector(".reminder-when")!;
    expect(when.textContent).toMatch(/^Once, on /);
    expect(when.querySelector("code")).toBeNull();

    // The one-off ran: its reply is in the inbox and the schedule is finished.
    schedules = [{ ...schedules[0]!, status: "finished", nextRunAt: null, lastRunAt: "2026-11-21T18:30:00.000Z" }];
    items = [item({ id: "inb-9", scheduleId: "job-new", title: "Stretch" })];
    await act(() => refreshUnreadCount()); // what the badge's poll does
    await waitFor(() => expect(screen.getByTestId("schedule").getAttribute("data-status")).toBe("finished"));
    expect(loads()).toBe(3);
  });

  it("says in Chinese when the schedules cannot be loaded", async () => {
    fakeFetch({ "GET /api/portal/schedules": json({ error: { code: "unavailable" } }, 503), "GET /api/portal/inbox": json({ items: [], unread: 0 }) });
    renderPage("zh");
    expect(await screen.findByText("无法加载你的定时任务。请刷新页面重试。")).toBeTruthy();
  });

  it("explains empty schedules and inbox, in Chinese too", async () => {
    fakeFetch({ "GET /api/portal/schedules": json({ schedules: [] }), "GET /api/portal/inbox": json({ items: [], unread: 0 }) });
    renderPage("zh");
    expect((await screen.findByTestId("schedules-empty")).textContent).toContain("还没有定时任务");
    expect((await screen.findByTestId("inbox-empty")).textContent).toContain("这里还没有内容");
    expect(screen.getByRole("heading", { level: 1 }).textContent).toBe("提醒");
  });
});
