import { describe, expect, it } from "vitest";
import { consoleUrl, open, screenshot, signIn, useBrowser, watchErrors, type PageId } from "./console.ts";

describe("the language switch", () => {
  const browser = useBrowser();

  it("switches the console to Chinese, keeps it across a reload and on the sign-in page", async () => {
    const context = await browser().newContext({ locale: "en-US" });
    const page = await context.newPage();
    await signIn(page, "emp-carol");
    expect(await page.getByTestId("nav-chat").innerText()).toBe("Chat");
    expect(await page.locator("html").getAttribute("lang")).toBe("en");

    await page.getByTestId("language-switch").selectOption("zh");
    await expect.poll(() => page.getByTestId("nav-chat").innerText()).toBe("对话");
    expect(await page.getByTestId("nav-profile").innerText()).toBe("个人资料");
    expect(await page.getByTestId("nav-connect").innerText()).toBe("连接 IM");
    expect(await page.locator("html").getAttribute("lang")).toBe("zh-CN");
    expect(await page.getByTestId("chat-send").innerText()).toBe("发送");
    expect(await page.getByTestId("offline-banner").innerText()).toMatch(/^离线模型/);

    await page.reload();
    await page.getByTestId("chat-input").waitFor();
    await expect.poll(() => page.getByTestId("nav-chat").innerText()).toBe("对话");
    expect(await page.locator("html").getAttribute("lang")).toBe("zh-CN");

    await open(page, "usage");
    await page.getByTestId("usage-totals").waitFor();
    expect(await page.getByRole("heading", { level: 1 }).innerText()).toMatch(/^我的用量/);
    await screenshot(page, "usage-zh");

    await open(page, "connect");
    await expect.poll(() => page.getByTestId("channel-telegram-status").innerText()).toMatch(/未配对|已配对|等待配对码/);
    await screenshot(page, "connect-im-zh");

    await page.getByTestId("signout").click();
    await page.getByTestId("login-submit").waitFor();
    expect(await page.getByTestId("login-submit").innerText()).toBe("登录");
    await screenshot(page, "login-zh");
    await context.close();
  });

  it("every page an admin has is titled in Chinese once the console is switched", async () => {
    const page = await browser().newPage();
    await signIn(page, "emp-jiade");
    await page.getByTestId("language-switch").selectOption("zh");
    const errors = watchErrors(page);
    const pages: PageId[] = ["dashboard", "chat", "profile", "connect", "usage", "my-skills", "reminders", "organization", "agents", "soul", "playground", "skills", "knowledge", "audit", "cost", "models", "monitor", "channels", "security", "settings"];
    const untranslated: string[] = [];
    for (const id of pages) {
      await open(page, id);
      // The chat has no heading; its composer speaks for it.
      const title = id === "chat" ? page.getByTestId("chat-send") : page.getByRole("heading", { level: 1 });
      await title.first().waitFor();
      const text = (await title.first().innerText()).trim();
      if (!/[\u4e00-\u9fff]/.test(text)) untranslated.push(`${id}: ${text}`);
      // Pictured once the page's data is in, so the screenshot shows its Chinese beyond the title.
      await expect.poll(() => page.getByText("加载中…", { exact: true }).count(), { timeout: 30_000 }).toBe(0);
      await screenshot(page, `zh-${id}`);
    }
    expect(untranslated).toEqual([]);
    expect(errors).toEqual([]);
    await page.close();
  });

  it("a browser set to Chinese starts in Chinese before anyone chooses", async () => {
    const context = await browser().newContext({ locale: "zh-CN" });
    const page = await context.newPage();
    await page.goto(consoleUrl);
    await page.getByTestId("login-submit").waitFor();
    expect(await page.getByTestId("login-submit").innerText()).toBe("登录");
    expect(await page.locator("html").getAttribute("lang")).toBe("zh-CN");
    await context.close();
  });
});
