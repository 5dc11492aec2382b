import { cleanup, render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import type { ChatResult, TranscriptEntry } from "@clawgate/contracts";
import { afterEach, describe, expect, it, vi } from "vitest";
import { LanguageProvider, type Language } from "../i18n/language.tsx";
import { ChatPage } from "./ChatPage.tsx";

const HISTORY: TranscriptEntry[] = [
  { turnId: "t-1", message: "what is our travel policy?", reply: "Economy class for flights under 6 hours.", status: "done", at: "2026-11-20T09:00:00.000Z" },
];

const RESULT: ChatResult = {
  turnId: "t-2",
  reply: "Hello Carol",
  sessionId: "s-1",
  usage: { inputTokens: 120, outputTokens: 8, model: "offline" },
  toolEvents: [],
};

/**
 * The edge API at the fetch boundary: the transcript as JSON, and the chat as a server-sent event
 * stream the test writes to, so it can look at the page between two deltas.
 */
function fakeServer(history: TranscriptEntry[] = HISTORY) {
  const encoder = new TextEncoder();
  let stream: ReadableStreamDefaultController<Uint8Array> | undefined;
  const chats: unknown[] = [];
  vi.stubGlobal(
    "fetch",
    vi.fn(async (input: string, init: RequestInit = {}) => {
      if (input === "/api/portal/transcript") return Response.json({ entries: history });
      if (input === "/api/portal/chat" && init.method === "POST") {
        chats.push(JSON.parse(init.body as string));
        const body = new ReadableStream<Uint8Array>({ start: (controller) => void (stream = controller) });
        return new Response(body, { headers: { "Content-Type": "text/event-stream" } });
      }
      return Response.json({ error: { code: "not_found", message: `No fake for ${input}` } }, { status: 404 });
    }),
  );
  const send = (event: string, data: unknown) => stream!.enqueue(encoder.encode(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`));
  return {
    chats,
    delta: (text: string) => send("delta", { text }),
    finish: (result: ChatResult) => {
      send("result", result);
      stream!.close();
    },
  };
}

function renderChat(language: Language = "en", wakingAfterMs = 60_000) {
  return render(
    <LanguageProvider initial={language}>
      <ChatPage onSignedOut={() => undefined} wakingAfterMs={wakingAfterMs} />
    </LanguageProvider>,
  );
}

const lastAgentBubble = () => screen.getAllByTestId("chat-message-agent").at(-1)!;

describe("the chat page", () => {
  afterEach(() => {
    cleanup();
    vi.unstubAllGlobals();
  });

  it("streams the reply's deltas into the agent's bubble, then shows the result and its usage, below the history", async () => {
    const server = fakeServer();
    renderChat();
    await screen.findByText("Economy class for flights under 6 hours.");

    await userEvent.type(screen.getByTestId("chat-input"), "hello{Enter}");
    await waitFor(() => expect(server.chats).toHaveLength(1));
    expect(server.chats[0]).toMatchObject({ message: "hello" });
    expect(lastAgentBubble().getAttribute("data-state")).toBe("streaming");
    expect((screen.getByTestId("chat-input") as HTMLTextAreaElement).disabled).toBe(true);

    server.delta("Hel");
    await waitFor(() => expect(lastAgentBubble().textContent).toBe("Hel"));
    server.delta("lo");
    await waitFor(() => expect(lastAgentBubble().textContent).toBe("Hello"));

    server.finish(RESULT);
    await waitFor(() => expect(lastAgentBubble().getAttribute("data-state")).toBe("done"));
    expect(lastAgentBubble().textContent).toBe("Hello Carol");
    expect(screen.getByText("128 tokens · offline")).toBeTruthy();

    // The history stays above the new turn.
    expect(screen.getAllByTestId("chat-message-user").map((m) => m.textContent)).toEqual(["what is our travel policy?", "hello"]);
    expect(screen.getAllByTestId("chat-message-agent").map((m) => m.getAttribute("data-state"))).toEqual(["done", "done"]);
    await waitFor(() => expect((screen.getByTestId("chat-input") as HTMLTextAreaElement).disabled).toBe(false));
  });

  it("says the agent is waking while a first reply stays silent, and drops that once text arrives", async () => {
    const server = fakeServer([]);
    renderChat("en", 20);
    expect((await screen.findByTestId("chat-empty")).textContent).toMatch(/Say hello to your agent/);

    await userEvent.type(screen.getByTestId("chat-input"), "who are you?{Enter}");
    const waking = await screen.findByTestId("chat-waking");
    expect(waking.textContent).toMatch(/^Waking your agent/);
    expect(within(lastAgentBubble()).getByRole("status", { name: "Agent is replying" })).toBeTruthy();

    server.delta("I am your agent");
    await waitFor(() => expect(screen.queryByTestId("chat-waking")).toBeNull());
    server.finish({ ...RESULT, reply: "I am your agent" });
    await waitFor(() => expect(lastAgentBubble().getAttribute("data-state")).toBe("done"));
  });

  it("shows a failed stream's message in the bubble", async () => {
    vi.stubGlobal(
      "fetch",
      vi.fn(async (input: string) =>
        input === "/api/portal/transcript"
          ? Response.json({ entries: [] })
          : new Response('event: error\ndata: {"code":"runtime_unavailable","message":"The agent runtime is unavailable."}\n\n', { headers: { "Content-Type": "text/event-stream" } }),
      ),
    );
    renderChat();
    await screen.findByTestId("chat-empty");
    await userEvent.type(screen.getByTestId("chat-input"), "hi{Enter}");
    await waitFor(() => expect(lastAgentBubble().getAttribute("data-state")).toBe("error"));
    expect(within(lastAgentBubble()).getByRole("alert").textContent).toBe("The agent runtime is unavailable.");
  });

  it("speaks Chinese: the empty conversation, the composer, the waking note, and the failed turn from history", async () => {
    fakeServer([{ turnId: "t-9", message: "你好", reply: null, status: "failed", at: "2026-11-20T09:00:00.000Z" }]);
    renderChat("zh", 20);
    await waitFor(() => expect(screen.getAllByTestId("chat-message-agent")).toHaveLength(1));
    expect(within(lastAgentBubble()).getByRole("alert").textContent).toBe("本轮对话失败。");
    expect(screen.getByRole("textbox", { name: "给你的智能体发消息" })).toBeTruthy();
    expect(screen.getByRole("button", { name: "发送" })).toBeTruthy();

    await userEvent.type(screen.getByTestId("chat-input"), "你是谁？{Enter}");
    expect((await screen.findByTestId("chat-waking")).textContent).toMatch(/^正在唤醒你的智能体/);
  });

  it("speaks Chinese in an empty conversation", async () => {
    fakeServer([]);
    renderChat("zh");
    expect((await screen.findByTestId("chat-empty")).textContent).toBe("向你的智能体打个招呼吧——它了解你的岗位和公司的制度。");
  });
});
