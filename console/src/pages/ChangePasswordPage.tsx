import { useState, type FormEvent } from "react";
import { PASSWORD_RULE_TEXT, type Me } from "@clawgate/contracts";
import { changePassword, logout } from "../api.ts";

function errorMessage(err: unknown): string {
  return err instanceof Error && err.message ? err.message : "Could not change the password. Try again.";
}

interface ChangePasswordPageProps {
  me: Me;
  onChanged: (me: Me) => void;
  onSignedOut: () => void;
}

/** Shown after a first sign-in with an initial password: nothing else works until it is replaced. */
export function ChangePasswordPage({ me, onChanged, onSignedOut }: ChangePasswordPageProps) {
  const [currentPassword, setCurrentPassword] = useState("");
  const [newPassword, setNewPassword] = useState("");
  const [confirmation, setConfirmation] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    if (busy) return;
    if (newPassword !== confirmation) {
      setError("The new password and its confirmation differ.");
      return;
    }
    setBusy(true);
    setError(null);
    try {
      onChanged(await changePassword(currentPassword, newPassword));
    } catch (err) {
      setError(errorMessage(err));
      setBusy(false);
    }
  };

  const signOut = async () => {
    await logout().catch(() => undefined);
    onSignedOut();
  };

  return (
    <main className="login">
      <form className="login-card" onSubmit={onSubmit} aria-labelledby="change-password-title">
        <h1 id="change-password-title" className="login-title">
          Choose your password
        </h1>
        <p className="login-subtitle">Welcome, {me.name}. Replace the initial password before you start.</p>

        <label className="field">
          <span className="field-label">Current password</span>
          <input
            className="field-input"
            data-testid="change-password-current"
            type="password"
            autoComplete="current-password"
            autoFocus
            required
            value={currentPassword}
            onChange={(e) => setCurrentPassword(e.target.value)}
          />
        </label>

        <label className="field">
          <span className="field-label">New password</span>
          <input
            className="field-input"
            data-testid="change-password-new"
            type="password"
            autoComplete="new-password"
            required
            value={newPassword}
            onChange={(e) => setNewPassword(e.target.value)}
          />
        </label>

        <label className="field">
          <span className="field-label">New password again</span>
          <input
            className="field-input"
            data-testid="change-password-confirm"
            type="password"
            autoComplete="new-password"
            required
            value={confirmation}
            onChange={(e) => setConfirmation(e.target.value)}
          />
        </label>

        <ul className="password-rules">
          {Object.values(PASSWORD_RULE_TEXT).map((text) => (
            <li key={text}>{text}</li>
          ))}
        </ul>

        {error ? (
          <p className="login-error" role="alert" data-testid="change-password-error">
            {error}
          </p>
        ) : null}

        <button type="submit" className="button button--primary button--block" data-testid="change-password-submit" disabled={busy}>
          {busy ? "Saving…" : "Save and continue"}
        </button>
        <button type="button" className="button button--block login-secondary" onClick={signOut}>
          Sign out
        </button>
      </form>
    </main>
  );
}
