import { cleanup, render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import type { Me } from "@clawgate/contracts";
import { afterEach, describe, expect, it, vi } from "vitest";
import { LanguageProvider, type Language } from "../../i18n/language.tsx";
import type { Heartbeat, Memory } from "../../portalApi.ts";
import { ProfilePage } from "./ProfilePage.tsx";
import { fakeFetch, json, type SentRequest } from "./testing/fakeFetch.ts";

const me: Me = {
  employeeId: "emp-carol",
  name: "Carol",
  role: "employee",
  position: { id: "pos-sales", name: "Sales" },
  department: { id: "dep-sales", name: "Sales" },
  mustChangePassword: false,
};

const memory = (userMd: string): Memory => ({
  files: [
    { path: "MEMORY.md", text: "- Carol prefers short answers", bytes: 29 },
    { path: "USER.md", text: userMd, bytes: userMd.length },
    { path: "HEARTBEAT.md", text: "- check overdue deals", bytes: 21 },
    { path: "memory/2026-11-20.md", text: "Talked about the Q4 forecast", bytes: 28 },
  ],
  updatedAt: "2026-11-20T10:00:00.000Z",
});

const heartbeat: Heartbeat = { enabled: true, everyMinutes: 60, nextRunAt: "2026-11-21T18:00:00.000Z", instructions: "Check HEARTBEAT.md" };
const twinOff = { enabled: false, allowed: true, enabledAt: null, views: 0, chats: 0 };

function routes(extra: Record<string, (request: SentRequest) => { status?: number; body?: unknown }> = {}) {
  return fakeFetch({
    "GET /api/portal/memory": json(memory("# About me\n- Sales lead")),
    "GET /api/portal/heartbeat": json(heartbeat),
    "GET /api/portal/twin": json(twinOff),
    "GET /api/portal/twin/conversations": json({ conversations: [] }),
    ...extra,
  });
}

function renderPage(language: Language = "en") {
  return render(
    <LanguageProvider initial={language}>
      <a href="#/chat">Go to chat</a>
      <ProfilePage me={me} />
    </LanguageProvider>,
  );
}

const userMd = () => within(screen.getByTestId("memory-editor-USER.md")).getByRole("textbox") as HTMLTextAreaElement;

describe("Profile page", () => {
  afterEach(() => {
    cleanup();
    vi.unstubAllGlobals();
    vi.restoreAllMocks();
    window.location.hash = "";
  });

  it("shows USER.md and HEARTBEAT.md to edit, the agent's own memory read-only, the heartbeat and the twin", async () => {
    routes();
    renderPage();
    await waitFor(() => expect(userMd().value).toBe("# About me\n- Sales lead"));
    const heartbeatMd = within(screen.getByTestId("memory-editor-HEARTBEAT.md")).getByRole("textbox") as HTMLTextAreaElement;
    expect(heartbeatMd.value).toBe("- check overdue deals");
    expect(screen.getAllByTestId("memory-file").map((file) => file.getAttribute("data-path"))).toEqual(["MEMORY.md", "memory/2026-11-20.md"]);
    expect(screen.getByTestId("memory-files").textContent).toContain("Carol prefers short answers");
    expect(screen.getByTestId("memory-files").querySelector("textarea")).toBeNull();
    expect((await screen.findByTestId("heartbeat-next")).textContent).toContain("Next heartbeat:");
    expect((screen.getByTestId("heartbeat-enabled") as HTMLInputElement).checked).toBe(true);
    expect((await screen.findByTestId("twin-status")).getAttribute("data-enabled")).toBe("false");
    // Nothing edited yet: nothing to save.
    expect((screen.getByTestId("memory-save-USER.md") as HTMLButtonElement).disabled).toBe(true);
  });

  it("saves USER.md with PUT, and on a 400 shows the server's message and keeps the edit", async () => {
    let reject = true;
    const sent = routes({
      "PUT /api/portal/memory/USER.md": (request) => {
        if (reject) return { status: 400, body: { error: { code: "invalid_request", message: "text: at most 65536 bytes" } } };
        return { body: memory((request.body as { text: string }).text) };
      },
    });
    renderPage();
    await waitFor(() => expect(userMd().value).toContain("Sales lead"));
    await userEvent.type(userMd(), "\n- Reply in English");
    expect(screen.getByText("Unsaved changes")).toBeTruthy();
    expect(screen.getByTestId("memory-editor-USER.md").textContent).toContain("42 bytes of 64 KiB");

    await userEvent.click(screen.getByTestId("memory-save-USER.md"));
    expect((await screen.findByRole("alert")).textContent).toBe("Could not save USER.md. text: at most 65536 bytes");
    expect(userMd().value).toBe("# About me\n- Sales lead\n- Reply in English");
    expect(screen.getByText("Unsaved changes")).toBeTruthy();

    reject = false;
    await userEvent.click(screen.getByTestId("memory-save-USER.md"));
    expect((await screen.findByText(/Saved USER.md/)).getAttribute("role")).toBe("status");
    expect(screen.queryByText("Unsaved changes")).toBeNull();
    const puts = sent.filter((r) => r.method === "PUT");
    expect(puts.map((r) => r.path)).toEqual(["/api/portal/memory/USER.md", "/api/portal/memory/USER.md"]);
    expect(puts[1]!.body).toEqual({ text: "# About me\n- Sales lead\n- Reply in English" });
  });

  it("asks before leaving with unsaved changes, and stays when told to", async () => {
    routes();
    const confirm = vi.spyOn(window, "confirm").mockReturnValue(false);
    renderPage();
    await waitFor(() => expect(userMd().value).toContain("Sales lead"));

    await userEvent.click(screen.getByText("Go to chat"));
    expect(confirm).not.toHaveBeenCalled();
    expect(window.location.hash).toBe("#/chat");
    window.location.hash = "";

    await userEvent.type(userMd(), "!");
    await userEvent.click(screen.getByText("Go to chat"));
    expect(confirm).toHaveBeenCalledWith("You have unsaved changes. Leave this page and lose them?");
    expect(window.location.hash).toBe("");

    confirm.mockReturnValue(true);
    await userEvent.click(screen.getByText("Go to chat"));
    expect(window.location.hash).toBe("#/chat");
  });

  it("switches the heartbeat off and changes its interval with PUT", async () => {
    const sent = routes({
      "PUT /api/portal/heartbeat": (request) => ({ body: { ...heartbeat, ...(request.body as object), nextRunAt: null } }),
    });
    renderPage();
    await userEvent.click(await screen.findByTestId("heartbeat-enabled"));
    await userEvent.selectOptions(screen.getByTestId("heartbeat-every"), "120");
    await userEvent.click(screen.getByTestId("heartbeat-save"));
    await waitFor(() => expect(screen.getByTestId("heartbeat-next").textContent).toBe("The heartbeat is off."));
    expect(sent.filter((r) => r.method === "PUT")).toEqual([{ method: "PUT", path: "/api/portal/heartbeat", body: { enabled: false, everyMinutes: 120 } }]);
  });

  it("keeps the heartbeat switch and the twin when the memory cannot be loaded", async () => {
    routes({ "GET /api/portal/memory": json({ error: { code: "unavailable", message: "Your agent's memory is not reachable right now." } }, 503) });
    renderPage();
    expect((await screen.findByRole("alert")).textContent).toBe("Your agent's memory is not reachable right now.");
    expect(await screen.findByTestId("heartbeat-enabled")).toBeTruthy();
    expect(screen.queryByTestId("memory-editor-USER.md")).toBeNull();
    expect(screen.queryByTestId("memory-editor-HEARTBEAT.md")).toBeNull();
    expect(await screen.findByTestId("twin-status")).toBeTruthy();
  });

  it("says when the organisation has turned twins off, and offers no way to switch one on", async () => {
    routes({ "GET /api/portal/twin": json({ ...twinOff, enabled: true, allowed: false, enabledAt: "2026-11-20T10:00:00.000Z" }) });
    renderPage();
    expect((await screen.findByTestId("twin-not-allowed")).textContent).toBe(
      "Your organisation has turned digital twins off. No twin link works and none can be switched on until an admin allows them again.",
    );
    expect(screen.getByTestId("twin-status").textContent).toMatch(/^Off ·/);
    expect((screen.getByTestId("twin-regenerate") as HTMLButtonElement).disabled).toBe(true);
    // Switching off is always allowed: the twin then stays off when twins are allowed again.
    expect((screen.getByTestId("twin-disable") as HTMLButtonElement).disabled).toBe(false);

    cleanup();
    routes({ "GET /api/portal/twin": json({ ...twinOff, allowed: false }) });
    renderPage("zh");
    expect((await screen.findByTestId("twin-not-allowed")).textContent).toMatch(/^你的组织已关闭数字分身/);
    expect((screen.getByTestId("twin-enable") as HTMLButtonElement).disabled).toBe(true);

    cleanup();
    routes();
    renderPage();
    expect((await screen.findByTestId("twin-enable")) as HTMLButtonElement).toHaveProperty("disabled", false);
    expect(screen.queryByTestId("twin-not-allowed")).toBeNull();
  });

  it("says what an empty memory and an unvisited twin mean, in Chinese too", async () => {
    fakeFetch({
      "GET /api/portal/memory": json({ files: [], updatedAt: null }),
      "GET /api/portal/heartbeat": json({ ...heartbeat, enabled: false, nextRunAt: null }),
      "GET /api/portal/twin": json(twinOff),
      "GET /api/portal/twin/conversations": json({ conversations: [] }),
    });
    renderPage("zh");
    expect((await screen.findByTestId("memory-empty")).textContent).toContain("智能体还没有写下任何记忆");
    expect(userMd().value).toBe("");
    expect(await screen.findByText("还没有人与你的分身对话。开启它并分享链接。")).toBeTruthy();
    expect((await screen.findByTestId("heartbeat-next")).textContent).toBe("心跳已关闭。");
  });
});
