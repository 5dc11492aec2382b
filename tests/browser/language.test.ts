import { describe, expect, it } from "vitest";
import { consoleUrl, open, screenshot, signIn, useBrowser } from "./console.ts";

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
