import { useEffect, useState, type FormEvent } from "react";
import type { Me, SetupStatus } from "@clawgate/contracts";
import { getSetupStatus, getSsoStatus, login } from "../api.ts";
import { describeError } from "../errors.ts";
import { LanguageSwitch } from "../i18n/LanguageSwitch.tsx";
import { defineStrings, useStrings } from "../i18n/strings.ts";
import { FirstAdminSetup } from "./FirstAdminSetup.tsx";

const STRINGS = defineStrings({
  en: {
    subtitle: "Sign in to talk to your agent.",
    employeeId: "Employee ID",
    password: "Password",
    signIn: "Sign in",
    signingIn: "Signing in…",
    failed: "Sign-in failed. Try again.",
    or: "or",
    sso: "Sign in with single sign-on",
    demoHint: "Demo: any ACME employee id, e.g. emp-carol, password acme-demo",
  },
  zh: {
    subtitle: "登录后即可与你的智能体对话。",
    employeeId: "员工 ID",
    password: "密码",
    signIn: "登录",
    signingIn: "正在登录…",
    failed: "登录失败，请重试。",
    or: "或",
    sso: "使用单点登录",
    demoHint: "演示：任意 ACME 员工 ID（如 emp-carol），密码 acme-demo",
  },
});

export function LoginPage({ onSignedIn }: { onSignedIn: (me: Me) => void }) {
  const t = useStrings(STRINGS);
  const [employeeId, setEmployeeId] = useState("");
  const [password, setPassword] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [ssoEnabled, setSsoEnabled] = useState(false);
  const [setup, setSetup] = useState<SetupStatus | null>(null);

  useEffect(() => {
    const controller = new AbortController();
    getSsoStatus(controller.signal)
      .then((status) => setSsoEnabled(status.enabled))
      .catch(() => undefined); // no SSO button if its status is unavailable
    getSetupStatus(controller.signal)
      .then(setSetup)
      .catch(() => undefined); // the sign-in form alone if setup status is unavailable
    return () => controller.abort();
  }, []);

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    if (busy) return;
    setBusy(true);
    setError(null);
    try {
      const me = await login(employeeId.trim(), password);
      onSignedIn(me);
    } catch (err) {
      setError(describeError(err, t.failed));
      setBusy(false);
    }
  };

  return (
    <main className="login">
      <div className="login-language">
        <LanguageSwitch />
      </div>
      {setup?.needed ? (
        <FirstAdminSetup status={setup} onSignedIn={onSignedIn} />
      ) : (
        <form className="login-card" onSubmit={onSubmit} aria-labelledby="login-title">
          <h1 id="login-title" className="login-title">
            ClawGate
          </h1>
          <p className="login-subtitle">{t.subtitle}</p>

          <label className="field">
            <span className="field-label">{t.employeeId}</span>
            <input
              className="field-input"
              data-testid="login-employee-id"
              name="employeeId"
              autoComplete="username"
              autoFocus
              required
              value={employeeId}
              onChange={(e) => setEmployeeId(e.target.value)}
            />
          </label>

          <label className="field">
            <span className="field-label">{t.password}</span>
            <input
              className="field-input"
              data-testid="login-password"
              name="password"
              type="password"
              autoComplete="current-password"
              required
              value={password}
              onChange={(e) => setPassword(e.target.value)}
            />
          </label>

          {error ? (
            <p className="login-error" role="alert" data-testid="login-error">
              {error}
            </p>
          ) : null}

          <button type="submit" className="button button--primary button--block" data-testid="login-submit" disabled={busy}>
            {busy ? t.signingIn : t.signIn}
          </button>

          {ssoEnabled ? (
            <>
              <p className="login-divider">{t.or}</p>
              {/* A full-page navigation: the server redirects to the identity provider and back. */}
              <a className="button button--block" data-testid="login-sso" href="/api/auth/sso/start">
                {t.sso}
              </a>
            </>
          ) : null}

          {setup?.demo ? <p className="login-hint">{t.demoHint}</p> : null}
        </form>
      )}
    </main>
  );
}
