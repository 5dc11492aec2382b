import { cleanup, render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, describe, expect, it, vi } from "vitest";
import { LanguageProvider, type Language } from "../../i18n/language.tsx";
import type { PairingCode, PortalChannel } from "../../portalApi.ts";
import { ConnectImPage } from "./ConnectImPage.tsx";
import { fakeFetch, json } from "./testing/fakeFetch.ts";

const SVG = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 21 21"><rect width="7" height="7"/></svg>';
const CODE: PairingCode = {
  channel: "telegram",
  code: "K7Q2MX",
  expiresAt: "2026-11-21T18:15:00.000Z",
  deepLink: "https://t.me/acme_clawgate_bot?start=K7Q2MX",
  qrSvg: SVG,
  instructions: "Open the bot and press Start; it asks you to confirm.",
};
const telegram = (overrides: Partial<PortalChannel> = {}): PortalChannel => ({ channel: "telegram", configured: true, pending: null, bindings: [], ...overrides });
const slack: PortalChannel = { channel: "slack", configured: false, pending: null, bindings: [] };

function renderPage(language: Language = "en") {
  return render(
    <LanguageProvider initial={language}>
      <ConnectImPage />
    </LanguageProvider>,
  );
}

describe("Connect IM", () => {
  afterEach(() => {
    cleanup();
    vi.unstubAllGlobals();
  });

  it("gets a pairing code shown as a QR image of the server's SVG, with the deep link, and says it waits for the code", async () => {
    let channels = [telegram(), slack];
    const sent = fakeFetch({
      "GET /api/portal/channels": () => ({ body: { channels } }),
      "POST /api/portal/channels/telegram/pairing": () => {
        channels = [telegram({ pending: { state: "awaiting_code", expiresAt: CODE.expiresAt } }), slack];
        return { status: 201, body: CODE };
      },
    });
    renderPage();
    expect((await screen.findByTestId("channel-telegram-status")).textContent).toBe("Not paired");
    expect(screen.getByTestId("channel-slack-status").textContent).toBe("Not set up by your administrator yet");
    expect(screen.queryByTestId("pair-slack")).toBeNull();

    await userEvent.click(screen.getByTestId("pair-telegram"));
    const qr = (await screen.findByTestId("pairing-qr")) as HTMLImageElement;
    // The SVG is an image, never markup in the page.
    expect(qr.tagName).toBe("IMG");
    const [prefix, base64] = qr.src.split(",");
    expect(prefix).toBe("data:image/svg+xml;base64");
    expect(atob(base64!)).toBe(SVG);
    expect(document.querySelector("svg")).toBeNull();
    expect(screen.getByTestId("pairing-code").textContent).toBe("K7Q2MX");
    expect(screen.getByTestId("pairing-link").getAttribute("href")).toBe(CODE.deepLink);
    await waitFor(() => expect(screen.getByTestId("channel-telegram-status").textContent).toMatch(/^Waiting for the code \(until .+\)$/));
    expect(screen.getByTestId("pair-telegram").textContent).toBe("New code");
    expect(sent.filter((r) => r.method === "POST").map((r) => r.path)).toEqual(["/api/portal/channels/telegram/pairing"]);
  });

  it("disconnects a paired account, and shows the server's refusal when there is one", async () => {
    let channels = [telegram({ bindings: [{ id: "tg-1", channel: "telegram", pairedAt: "2026-11-20T09:00:00.000Z", lastActivityAt: null, messageCount: 4 }] })];
    let refuse = true;
    const sent = fakeFetch({
      "GET /api/portal/channels": () => ({ body: { channels } }),
      "DELETE /api/portal/channels/telegram/bindings/tg-1": () => {
        if (refuse) return { status: 503, body: { error: { code: "unavailable", message: "Pairing is briefly unavailable; try again." } } };
        channels = [telegram()];
        return { status: 204 };
      },
    });
    renderPage();
    const table = await screen.findByRole("table", { name: "Paired Telegram accounts" });
    expect(within(table).getByText("4")).toBeTruthy();

    await userEvent.click(within(table).getByRole("button", { name: "Disconnect" }));
    expect((await screen.findByRole("alert")).textContent).toBe("Pairing is briefly unavailable; try again.");

    refuse = false;
    await userEvent.click(within(table).getByRole("button", { name: "Disconnect" }));
    await waitFor(() => expect(screen.getByTestId("channel-telegram-status").textContent).toBe("Not paired"));
    expect(screen.queryByRole("table")).toBeNull();
    expect(sent.filter((r) => r.method === "DELETE")).toHaveLength(2);
  });

  it("speaks Chinese", async () => {
    fakeFetch({ "GET /api/portal/channels": json({ channels: [telegram(), slack] }), "POST /api/portal/channels/telegram/pairing": json(CODE, 201) });
    renderPage("zh");
    expect(screen.getByRole("heading", { name: "连接 IM" })).toBeTruthy();
    expect((await screen.findByTestId("channel-telegram-status")).textContent).toBe("未配对");
    expect(screen.getByTestId("channel-slack-status").textContent).toBe("管理员尚未配置");
    await userEvent.click(screen.getByRole("button", { name: "获取配对码" }));
    expect((await screen.findByTestId("pairing-qr")).getAttribute("alt")).toBe("扫描此二维码，用你的配对码打开 Telegram 机器人");
    expect(screen.getByTestId("pairing-link").textContent).toBe("打开 Telegram");
  });
});
