import { cleanup, render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import type { OrgSettings } from "@clawgate/contracts";
import { afterEach, describe, expect, it, vi } from "vitest";
import { LanguageProvider, type Language } from "../../i18n/language.tsx";
import { fakeFetch, json, type SentRequest } from "../portal/testing/fakeFetch.ts";
import { SettingsPage } from "./SettingsPage.tsx";

const SETTINGS: OrgSettings = { organisationName: "ACME Corp", defaultLanguage: "en", twinsEnabled: true };

function renderPage(language: Language = "en") {
  return render(
    <LanguageProvider initial={language}>
      <SettingsPage />
    </LanguageProvider>,
  );
}

describe("SettingsPage", () => {
  afterEach(() => {
    cleanup();
    vi.unstubAllGlobals();
  });

  it("sends only the settings that changed and shows what the server now has", async () => {
    const sent = fakeFetch({
      "GET /api/admin/settings": json(SETTINGS),
      "PATCH /api/admin/settings": (request: SentRequest) => ({ body: { ...SETTINGS, ...(request.body as object) } }),
    });
    renderPage();
    const name = await screen.findByLabelText("Organisation name");
    expect((name as HTMLInputElement).value).toBe("ACME Corp");
    await userEvent.selectOptions(screen.getByLabelText("Default language for new employees"), "zh");
    await userEvent.click(screen.getByLabelText("Allow digital twins"));
    await userEvent.click(screen.getByRole("button", { name: "Save settings" }));

    expect((await screen.findByRole("status")).textContent).toBe("Settings saved.");
    expect(sent.filter((r) => r.method === "PATCH").map((r) => r.body)).toEqual([{ defaultLanguage: "zh", twinsEnabled: false }]);
    expect((screen.getByLabelText("Allow digital twins") as HTMLInputElement).checked).toBe(false);
  });

  it("saves nothing when nothing changed", async () => {
    const sent = fakeFetch({ "GET /api/admin/settings": json(SETTINGS) });
    renderPage();
    await userEvent.click(await screen.findByRole("button", { name: "Save settings" }));
    expect((await screen.findByRole("status")).textContent).toContain("Nothing to save");
    expect(sent.filter((r) => r.method === "PATCH")).toEqual([]);
  });

  it("shows the server's reason when it refuses a change", async () => {
    fakeFetch({
      "GET /api/admin/settings": json(SETTINGS),
      "PATCH /api/admin/settings": json({ error: { code: "invalid_request", message: "organisationName: must be at most 100 characters" } }, 400),
    });
    renderPage();
    const name = await screen.findByLabelText("Organisation name");
    await userEvent.clear(name);
    await userEvent.type(name, "ACME Group");
    await userEvent.click(screen.getByRole("button", { name: "Save settings" }));
    expect((await screen.findByRole("alert")).textContent).toBe("organisationName: must be at most 100 characters");
  });

  it("tells a manager the server refused, in Chinese labels", async () => {
    fakeFetch({ "GET /api/admin/settings": json({ error: { code: "forbidden", message: "Only admins may see or change the organisation's settings." } }, 403) });
    renderPage("zh");
    expect((await screen.findByRole("alert")).textContent).toContain("Only admins may");
    expect(screen.getByRole("heading", { level: 1 }).textContent).toBe("设置");
    expect(screen.queryByRole("form")).toBeNull();
  });
});
