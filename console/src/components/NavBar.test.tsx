import { cleanup, render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import type { Me } from "@clawgate/contracts";
import { afterEach, describe, expect, it, vi } from "vitest";
import { LanguageProvider } from "../i18n/language.tsx";
import { fakeFetch, json } from "../pages/portal/testing/fakeFetch.ts";
import { NavBar } from "./NavBar.tsx";

const me: Me = {
  employeeId: "emp-carol",
  name: "Carol",
  role: "employee",
  position: { id: "pos-sales", name: "Sales" },
  department: { id: "dep-sales", name: "Sales" },
  mustChangePassword: false,
};

describe("navigation bar at phone width", () => {
  afterEach(() => {
    cleanup();
    vi.unstubAllGlobals();
  });

  it("folds the links behind a menu button that says whether it is open, and closes on the next page", async () => {
    fakeFetch({ "GET /api/portal/inbox": json({ items: [], unread: 0 }) });
    const { rerender } = render(
      <LanguageProvider initial="en">
        <NavBar me={me} current="chat" onSignedOut={() => undefined} />
      </LanguageProvider>,
    );
    const menu = screen.getByRole("button", { name: "Menu" });
    expect(menu.getAttribute("aria-expanded")).toBe("false");
    expect(menu.getAttribute("aria-controls")).toBe(screen.getByRole("navigation").id);

    await userEvent.click(menu);
    expect(menu.getAttribute("aria-expanded")).toBe("true");
    expect(screen.getByRole("navigation").className).toContain("nav--open");

    rerender(
      <LanguageProvider initial="en">
        <NavBar me={me} current="reminders" onSignedOut={() => undefined} />
      </LanguageProvider>,
    );
    expect(screen.getByRole("button", { name: "Menu" }).getAttribute("aria-expanded")).toBe("false");
    // No unread notifications: the link is just its name.
    expect(await screen.findByRole("link", { name: "Reminders" })).toBeTruthy();
  });
});
