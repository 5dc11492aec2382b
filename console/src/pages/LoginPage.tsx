import { useEffect, useState, type FormEvent } from "react";
import type { Me } from "@clawgate/contracts";
import { getSsoStatus, login } from "../api.ts";
import { LanguageSwitch } from "../i18n/LanguageSwitch.tsx";

function errorMessage(err: unknown): string {
  return err instanceof Error && err.message ? err.message : "Sign-in failed. Try again.";
}

export function LoginPage({ onSignedIn }: { onSignedIn: (me: Me) => void }) {
  const [employeeId, setEmployeeId] = useState("");
  const [password, setPassword] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [ssoEnabled, setSsoEnabled] = useState(false);

  useEffect(() => {
    const controller = new AbortController();
    getSsoStatus(controller.signal)
      .then((status) => setSsoEnabled(status.enabled))
      .catch(() => undefined); // no SSO button if its status is unavailable
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
      setError(errorMessage(err));
      setBusy(false);
    }
  };

  return (
    <main className="login">
      <div className="login-language">
        <LanguageSwitch />
      </div>
      <form className="login-card" onSubmit={onSubmit} aria-labelledby="login-title">
        <h1 id="login-title" className="login-title">
          ClawGate
        </h1>
        <p className="login-subtitle">Sign in to talk to your agent.</p>

        <label className="field">
          <span className="field-label">Employee ID</span>
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
          <span className="field-label">Password</span>
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
          {busy ? "Signing in…" : "Sign in"}
        </button>

        {ssoEnabled ? (
          <>
            <p className="login-divider">or</p>
            {/* A full-page navigation: the server redirects to the identity provider and back. */}
            <a className="button button--block" data-testid="login-sso" href="/api/auth/sso/start">
              Sign in with single sign-on
            </a>
          </>
        ) : null}

        <p className="login-hint">Demo: any ACME employee id, e.g. emp-carol, password acme-demo</p>
      </form>
    </main>
  );
}
