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

  it("shows the demo hint only when the server runs the seeded demo organisation", async () => {
    fakeFetch({ "GET /api/auth/sso": json({ enabled: false }), "GET /api/auth/setup": json({ needed: false, tokenConfigured: false, demo: true }) });
    renderLogin();
    expect((await screen.findByText(/Demo: any ACME employee id/)).textContent).toContain("acme-demo");
    cleanup();

    const sent = fakeFetch({ "GET /api/auth/sso": json({ enabled: false }), "GET /api/auth/setup": json({ needed: false, tokenConfigured: true, demo: false }) });
    renderLogin();
    await waitFor(() => expect(sent.some((r) => r.path === "/api/auth/setup")).toBe(true));
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(screen.queryByText(/Demo: any ACME employee id/)).toBeNull();
    expect(screen.getByTestId("login-submit")).toBeTruthy();
  });

  it("offers first-run setup instead of sign-in while no admin exists, and hands the new admin to the app", async () => {
    const ADMIN: Me = { ...CAROL, employeeId: "it-admin", name: "Ada Admin", role: "admin", position: { id: "pos-x", name: "IT Administrator" }, department: { id: "dept-x", name: "IT" } };
    let answer: { status: number; body: unknown } = { status: 400, body: { error: { code: "weak_password", message: "The password breaks a rule: at least 12 characters." } } };
    const sent = fakeFetch({
      "GET /api/auth/sso": json({ enabled: false }),
      "GET /api/auth/setup": json({ needed: true, tokenConfigured: true, demo: false }),
      "POST /api/auth/setup": () => answer,
    });
    const onSignedIn = renderLogin();
    await screen.findByTestId("first-admin-setup");
    expect(screen.queryByTestId("login-submit")).toBeNull();
    await userEvent.type(screen.getByLabelText("Setup token"), "the-setup-token");
    await userEvent.type(screen.getByLabelText("Your employee ID"), " it-admin ");
    await userEvent.type(screen.getByLabelText("Your name"), "Ada Admin");
    await userEvent.type(screen.getByLabelText("Email"), "ada@example.com");
    await userEvent.type(screen.getByLabelText("Password"), "short");
    await userEvent.click(screen.getByTestId("setup-submit"));
    expect((await screen.findByRole("alert")).textContent).toBe("The password breaks a rule: at least 12 characters.");
    expect(onSignedIn).not.toHaveBeenCalled();

    answer = { status: 201, body: ADMIN };
    await userEvent.clear(screen.getByLabelText("Password"));
    await userEvent.type(screen.getByLabelText("Password"), "Correct-Horse-9-Battery");
    await userEvent.click(screen.getByTestId("setup-submit"));
    await waitFor(() => expect(onSignedIn).toHaveBeenCalledWith(ADMIN));
    expect(sent.filter((r) => r.method === "POST").at(-1)?.body).toEqual({ setupToken: "the-setup-token", employeeId: "it-admin", name: "Ada Admin", email: "ada@example.com", password: "Correct-Horse-9-Battery" });
  });

  it("says how to set the SETUP_TOKEN when the Worker has none, in Chinese too", async () => {
    fakeFetch({ "GET /api/auth/sso": json({ enabled: false }), "GET /api/auth/setup": json({ needed: true, tokenConfigured: false, demo: false }) });
    renderLogin("zh");
    expect((await screen.findByTestId("setup-no-token")).textContent).toContain("SETUP_TOKEN");
    expect(screen.getByRole("heading", { level: 1 }).textContent).toBe("设置 ClawGate");
    expect(screen.queryByTestId("setup-submit")).toBeNull();
    expect(screen.getByText("openssl rand -hex 24 | npx wrangler secret put SETUP_TOKEN")).toBeTruthy();
  });
});
