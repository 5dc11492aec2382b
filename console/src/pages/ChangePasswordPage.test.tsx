import { cleanup, render, screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import type { Me } from "@clawgate/contracts";
import { afterEach, describe, expect, it, vi } from "vitest";
import { LanguageProvider, type Language } from "../i18n/language.tsx";
import { ChangePasswordPage } from "./ChangePasswordPage.tsx";
import { fakeFetch, json } from "./portal/testing/fakeFetch.ts";

const NINA: Me = {
  employeeId: "emp-nina",
  name: "Nina Browser",
  role: "employee",
  position: { id: "pos-csm", name: "Customer Success Manager" },
  department: { id: "dept-csm", name: "Customer Success" },
  mustChangePassword: true,
};

function renderPage(language: Language = "en") {
  const onChanged = vi.fn();
  render(
    <LanguageProvider initial={language}>
      <ChangePasswordPage me={NINA} onChanged={onChanged} onSignedOut={() => undefined} />
    </LanguageProvider>,
  );
  return onChanged;
}

async function fill(current: string, next: string, again = next) {
  await userEvent.type(screen.getByTestId("change-password-current"), current);
  await userEvent.type(screen.getByTestId("change-password-new"), next);
  await userEvent.type(screen.getByTestId("change-password-confirm"), again);
  await userEvent.click(screen.getByTestId("change-password-submit"));
}

const WEAK = {
  error: {
    code: "weak_password",
    message: "The new password does not meet the rules.",
    failedRules: [
      { rule: "min_length", text: "at least 12 characters" },
      { rule: "not_employee_id", text: "must not contain your employee id" },
    ],
  },
};

describe("the forced password change", () => {
  afterEach(() => {
    cleanup();
    vi.unstubAllGlobals();
  });

  it("refuses a confirmation that differs without asking the server", async () => {
    const sent = fakeFetch({});
    renderPage();
    await fill("Temporary-Pass-2026", "Nina-Own-Pass-2026!", "Nina-Own-Pass-2026?");
    expect(screen.getByRole("alert").textContent).toBe("The new password and its confirmation differ.");
    expect(sent).toEqual([]);
  });

  it("names the rules a rejected password breaks, and continues once the server accepts one", async () => {
    let attempts = 0;
    fakeFetch({ "POST /api/auth/password": () => (++attempts === 1 ? { status: 400, body: WEAK } : { body: { ...NINA, mustChangePassword: false } }) });
    const onChanged = renderPage();
    await fill("Temporary-Pass-2026", "emp-nina");
    expect((await screen.findByRole("alert")).textContent).toBe("The new password does not meet: at least 12 characters; must not contain your employee id.");
    expect(onChanged).not.toHaveBeenCalled();

    for (const id of ["change-password-new", "change-password-confirm"]) await userEvent.clear(screen.getByTestId(id));
    await userEvent.type(screen.getByTestId("change-password-new"), "Nina-Own-Pass-2026!");
    await userEvent.type(screen.getByTestId("change-password-confirm"), "Nina-Own-Pass-2026!");
    await userEvent.click(screen.getByTestId("change-password-submit"));
    await waitFor(() => expect(onChanged).toHaveBeenCalledWith({ ...NINA, mustChangePassword: false }));
  });

  it("speaks Chinese: the rules before and the broken ones after, by rule rather than the server's English", async () => {
    fakeFetch({ "POST /api/auth/password": json(WEAK, 400) });
    renderPage("zh");
    expect(screen.getByRole("heading", { name: "设置你的密码" })).toBeTruthy();
    expect(screen.getByText("至少 12 个字符")).toBeTruthy();
    await fill("Temporary-Pass-2026", "emp-nina");
    expect((await screen.findByRole("alert")).textContent).toBe("新密码不符合：至少 12 个字符；不得包含你的员工 ID。");
  });
});
