import { cleanup, render, screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import type { Me } from "@clawgate/contracts";
import { afterEach, describe, expect, it, vi } from "vitest";
import { LanguageProvider, type Language } from "../i18n/language.tsx";
import { LoginPage } from "./LoginPage.tsx";
import { fakeFetch, json } from "./portal/testing/fakeFetch.ts";

const CAROL: Me = {
  employeeId: "emp-carol",
  name: "Carol Zhang",
  role: "employee",
  position: { id: "pos-fa", name: "Finance Analyst" },
  department: { id: "dep-fin", name: "Finance" },
  mustChangePassword: false,
};

function renderLogin(language: Language = "en") {
  const onSignedIn = vi.fn();
  render(
    <LanguageProvider initial={language}>
      <LoginPage onSignedIn={onSignedIn} />
    </LanguageProvider>,
  );
  return onSignedIn;
}

async function signIn(employeeId: string, password: string) {
  await userEvent.type(screen.getByTestId("login-employee-id"), employeeId);
  await userEvent.type(screen.getByTestId("login-password"), password);
  await userEvent.click(screen.getByTestId("login-submit"));
}

describe("the sign-in page", () => {
  afterEach(() => {
    cleanup();
    vi.unstubAllGlobals();
  });

  it("shows the server's message for a wrong password and stays signed out", async () => {
    const sent = fakeFetch({
      "GET /api/auth/sso": json({ enabled: false }),
      "POST /api/auth/login": json({ error: { code: "invalid_credentials", message: "Wrong employee id or password." } }, 401),
    });
    const onSignedIn = renderLogin();
    await signIn("emp-carol", "not-the-password");

    expect((await screen.findByRole("alert")).textContent).toBe("Wrong employee id or password.");
    expect(onSignedIn).not.toHaveBeenCalled();
    expect(sent.find((r) => r.method === "POST")?.body).toEqual({ employeeId: "emp-carol", password: "not-the-password" });
    expect((screen.getByTestId("login-submit") as HTMLButtonElement).disabled).toBe(false);
  });

  it("signs in and hands the employee to the app", async () => {
    fakeFetch({ "GET /api/auth/sso": json({ enabled: false }), "POST /api/auth/login": json(CAROL) });
    const onSignedIn = renderLogin();
    await signIn(" emp-carol ", "acme-demo");
    await waitFor(() => expect(onSignedIn).toHaveBeenCalledWith(CAROL));
  });

  it("offers single sign-on only when the server has it enabled", async () => {
    fakeFetch({ "GET /api/auth/sso": json({ enabled: true }) });
    renderLogin();
    const sso = await screen.findByTestId("login-sso");
    expect(sso.getAttribute("href")).toBe("/api/auth/sso/start");
    expect(sso.textContent).toBe("Sign in with single sign-on");
    cleanup();

    fakeFetch({ "GET /api/auth/sso": json({ enabled: false }) });
    renderLogin();
    await screen.findByTestId("login-submit");
    // Let the status request settle before looking for the button it would add.
    await waitFor(() => expect(vi.mocked(fetch)).toHaveBeenCalled());
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(screen.queryByTestId("login-sso")).toBeNull();
  });

  it("speaks Chinese: labels, the SSO button, and its own message when the server gives none", async () => {
    fakeFetch({ "GET /api/auth/sso": json({ enabled: true }), "POST /api/auth/login": () => ({ status: 500, body: {} }) });
    renderLogin("zh");
    expect(screen.getByLabelText("员工 ID")).toBeTruthy();
    expect(screen.getByLabelText("密码")).toBeTruthy();
    expect((await screen.findByTestId("login-sso")).textContent).toBe("使用单点登录");

    await signIn("emp-carol", "acme-demo");
    expect((await screen.findByRole("alert")).textContent).toBe("登录失败，请重试。");
    expect(screen.getByRole("button", { name: "登录" })).toBeTruthy();
  });
});
