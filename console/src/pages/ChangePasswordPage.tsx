import { useState, type FormEvent } from "react";
import { PasswordRule, type Me } from "@clawgate/contracts";
import { ApiError, changePassword, logout } from "../api.ts";
import { describeError } from "../errors.ts";
import { defineStrings, useStrings } from "../i18n/strings.ts";
import { PASSWORD_RULES } from "./passwordRules.ts";

const STRINGS = defineStrings({
  en: {
    title: "Choose your password",
    welcome: (name: string) => `Welcome, ${name}. Replace the initial password before you start.`,
    current: "Current password",
    next: "New password",
    again: "New password again",
    mismatch: "The new password and its confirmation differ.",
    failed: "Could not change the password. Try again.",
    weak: (rules: string[]) => `The new password does not meet: ${rules.join("; ")}.`,
    save: "Save and continue",
    saving: "Saving…",
    signOut: "Sign out",
  },
  zh: {
    title: "设置你的密码",
    welcome: (name: string) => `欢迎，${name}。开始之前请先替换初始密码。`,
    current: "当前密码",
    next: "新密码",
    again: "再次输入新密码",
    mismatch: "两次输入的新密码不一致。",
    failed: "无法修改密码，请重试。",
    weak: (rules: string[]) => `新密码不符合：${rules.join("；")}。`,
    save: "保存并继续",
    saving: "正在保存…",
    signOut: "退出登录",
  },
});

/** The rules a 400 weak_password names, so they can be shown in the UI language rather than the server's. */
function failedRules(err: unknown): PasswordRule[] {
  if (!(err instanceof ApiError) || err.code !== "weak_password" || !Array.isArray(err.details["failedRules"])) return [];
  return (err.details["failedRules"] as { rule?: unknown }[]).flatMap((failed) => {
    const parsed = PasswordRule.safeParse(failed.rule);
    return parsed.success ? [parsed.data] : [];
  });
}

interface ChangePasswordPageProps {
  me: Me;
  onChanged: (me: Me) => void;
  onSignedOut: () => void;
}

/** Shown after a first sign-in with an initial password: nothing else works until it is replaced. */
export function ChangePasswordPage({ me, onChanged, onSignedOut }: ChangePasswordPageProps) {
  const t = useStrings(STRINGS);
  const rules = useStrings(PASSWORD_RULES);
  const [currentPassword, setCurrentPassword] = useState("");
  const [newPassword, setNewPassword] = useState("");
  const [confirmation, setConfirmation] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    if (busy) return;
    if (newPassword !== confirmation) {
      setError(t.mismatch);
      return;
    }
    setBusy(true);
    setError(null);
    try {
      onChanged(await changePassword(currentPassword, newPassword));
    } catch (err) {
      const broken = failedRules(err);
      setError(broken.length ? t.weak(broken.map((rule) => rules[rule])) : describeError(err, t.failed));
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
          {t.title}
        </h1>
        <p className="login-subtitle">{t.welcome(me.name)}</p>

        <label className="field">
          <span className="field-label">{t.current}</span>
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
          <span className="field-label">{t.next}</span>
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
          <span className="field-label">{t.again}</span>
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
          {PasswordRule.options.map((rule) => (
            <li key={rule}>{rules[rule]}</li>
          ))}
        </ul>

        {error ? (
          <p className="login-error" role="alert" data-testid="change-password-error">
            {error}
          </p>
        ) : null}

        <button type="submit" className="button button--primary button--block" data-testid="change-password-submit" disabled={busy}>
          {busy ? t.saving : t.save}
        </button>
        <button type="button" className="button button--block login-secondary" onClick={signOut}>
          {t.signOut}
        </button>
      </form>
    </main>
  );
}
