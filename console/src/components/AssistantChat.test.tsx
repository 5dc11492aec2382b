import { cleanup, render, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, describe, expect, it, vi } from "vitest";
import { LanguageProvider, type Language } from "../i18n/language.tsx";
import { isAdminPage, type PageId } from "../navigation.ts";
import { fakeFetch, json, type SentRequest } from "../pages/portal/testing/fakeFetch.ts";
import { AssistantChat } from "./AssistantChat.tsx";

const HISTORY = {
  entries: [
    { id: "h1", at: "2026-11-21T09:00:00.000Z", role: "user", text: "how is the service doing?", toolCalls: [] },
    { id: "h2", at: "2026-11-21T09:00:01.000Z", role: "assistant", text: "All runtimes are healthy.", toolCalls: [{ tool: "service_health", ok: true }] },
  ],
};

const REPLY = {
  reply: "Finance has 3 employees. I cannot change the global SOUL.",
  provider: "offline",
  toolCalls: [
    { tool: "list_employees", ok: true },
    { tool: "update_soul", ok: false, error: "the global SOUL is changed by hand only" },
  ],
};

function renderChat(language: Language = "en") {
  return render(
    <LanguageProvider initial={language}>
      <main>
        <button type="button">outside</button>
      </main>
      <AssistantChat />
    </LanguageProvider>,
  );
}

describe("AssistantChat", () => {
  afterEach(() => {
    cleanup();
    vi.unstubAllGlobals();
  });

  it("opens a labelled dialog with the earlier conversation and the focus in the message box", async () => {
    fakeFetch({ "GET /api/admin/assistant/history": json(HISTORY) });
    renderChat();
    const launcher = screen.getByRole("button", { name: "IT assistant" });
    expect(launcher.getAttribute("aria-expanded")).toBe("false");
    await userEvent.click(launcher);

    const dialog = screen.getByRole("dialog", { name: "IT admin assistant" });
    expect(dialog.getAttribute("aria-modal")).toBe("true");
    expect(document.activeElement).toBe(screen.getByLabelText("Message to the assistant"));
    expect((await within(dialog).findByText("All runtimes are healthy.")).closest("li")?.textContent).toContain("service_health succeeded");
    expect(launcher.getAttribute("aria-expanded")).toBe("true");
  });

  it("sends a message and shows the reply with which tools ran and whether they succeeded", async () => {
    const sent = fakeFetch({ "GET /api/admin/assistant/history": json({ entries: [] }), "POST /api/admin/assistant/chat": (request: SentRequest) => ({ body: { ...REPLY, echo: request.body } }) });
    renderChat();
    await userEvent.click(screen.getByRole("button", { name: "IT assistant" }));
    await userEvent.type(screen.getByLabelText("Message to the assistant"), "list the employees in Finance{Enter}");

    const reply = await screen.findByTestId("assistant-assistant");
    expect(reply.textContent).toContain("Finance has 3 employees.");
    const chips = within(reply).getAllByTestId("assistant-tool-chip");
    expect(chips.map((chip) => [chip.textContent, chip.getAttribute("data-ok")])).toEqual([
      ["list_employees succeeded", "true"],
      ["update_soul failed: the global SOUL is changed by hand only", "false"],
    ]);
    expect(screen.getByTestId("assistant-user").textContent).toContain("list the employees in Finance");
    expect(screen.getByTestId("assistant-provider").textContent).toBe("offline stand-in (no model configured)");
    expect(sent.filter((r) => r.method === "POST").map((r) => r.body)).toEqual([{ message: "list the employees in Finance" }]);
    expect((screen.getByLabelText("Message to the assistant") as HTMLTextAreaElement).value).toBe("");
  });

  it("keeps Tab inside the dialog, and Esc closes it and returns the focus to the button", async () => {
    fakeFetch({ "GET /api/admin/assistant/history": json(HISTORY) });
    renderChat();
    const launcher = screen.getByRole("button", { name: "IT assistant" });
    await userEvent.click(launcher);
    const dialog = screen.getByRole("dialog");
    await within(dialog).findByText("All runtimes are healthy.");
    await userEvent.type(screen.getByLabelText("Message to the assistant"), "x");
    for (let i = 0; i < 6; i++) {
      await userEvent.tab();
      expect(dialog.contains(document.activeElement)).toBe(true);
    }
    await userEvent.tab({ shift: true });
    expect(dialog.contains(document.activeElement)).toBe(true);

    await userEvent.keyboard("{Escape}");
    expect(screen.queryByRole("dialog")).toBeNull();
    expect(document.activeElement).toBe(launcher);
  });

  it("shows the server's error when the model fails, and clears the history", async () => {
    const sent = fakeFetch({
      "GET /api/admin/assistant/history": json(HISTORY),
      "POST /api/admin/assistant/chat": json({ error: { code: "assistant_model_failed", message: "The configured model endpoint failed (HTTP 500)." } }, 502),
      "DELETE /api/admin/assistant/history": json({ deleted: 2 }),
    });
    renderChat("zh");
    await userEvent.click(screen.getByRole("button", { name: "IT 助手" }));
    await screen.findByText("All runtimes are healthy.");
    await userEvent.type(screen.getByLabelText("发给助手的消息"), "你好{Enter}");
    expect((await screen.findByRole("alert")).textContent).toBe("The configured model endpoint failed (HTTP 500).");

    await userEvent.click(screen.getByRole("button", { name: "清除历史" }));
    expect(await screen.findByText(/试试/)).toBeTruthy();
    expect(screen.queryByText("All runtimes are healthy.")).toBeNull();
    expect(sent.some((r) => r.method === "DELETE" && r.path === "/api/admin/assistant/history")).toBe(true);
  });

  it("belongs to the admin pages, not to the admin's own portal pages", () => {
    expect((["dashboard", "monitor", "settings", "organization", "audit"] satisfies PageId[]).every(isAdminPage)).toBe(true);
    expect((["chat", "profile", "connect", "usage"] satisfies PageId[]).some(isAdminPage)).toBe(false);
  });
});
