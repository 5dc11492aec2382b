import { describe, expect, it } from "vitest";
import { open, screenshot, signIn, useBrowser } from "./console.ts";

describe("the portal's Connect IM and My Usage", () => {
  const browser = useBrowser();

  it("the portal shows a Telegram pairing QR code as an SVG image, with the deep link and the code", async () => {
    const page = await browser().newPage();
    await signIn(page, "emp-carol");
    await open(page, "connect");
    await page.getByTestId("pair-telegram").click();
    const qr = page.getByTestId("pairing-qr");
    await qr.waitFor();
    expect(await qr.evaluate((img) => img.tagName)).toBe("IMG");
    expect(await qr.getAttribute("src")).toMatch(/^data:image\/svg\+xml;base64,/);
    // The image actually decodes (a broken SVG would have naturalWidth 0).
    await expect.poll(() => qr.evaluate((img) => (img as unknown as { naturalWidth: number }).naturalWidth)).toBeGreaterThan(0);
    const code = (await page.getByTestId("pairing-code").innerText()).trim();
    expect(await page.getByTestId("pairing-link").getAttribute("href")).toBe(`https://t.me/acme_clawgate_bot?start=${code}`);
    await expect.poll(() => page.getByTestId("channel-telegram-status").innerText()).toMatch(/waiting for the code/i);
    await screenshot(page, "connect-im");

    await open(page, "usage");
    await page.getByTestId("usage-totals").waitFor();
    await screenshot(page, "usage");
    await page.close();
  });
});
