import { useState, type FormEvent } from "react";
import type { Me, SetupStatus } from "@clawgate/contracts";
import { createFirstAdmin } from "../api.ts";
import { TextField } from "../components/Field.tsx";
import { describeError } from "../errors.ts";
import { defineStrings, useStrings } from "../i18n/strings.ts";
import { PASSWORD_RULES } from "./passwordRules.ts";

const STRINGS = defineStrings({
  en: {
    title: "Set up ClawGate",
    intro: "This ClawGate has no admin yet. Create the first one: they sign in at once and build the organisation from the console.",
    noToken: "First set the SETUP_TOKEN Worker secret (at least 32 characters), then reload this page:",
    token: "Setup token",
    tokenHint: "The SETUP_TOKEN you set with wrangler secret put.",
    employeeId: "Your employee ID",
    employeeIdHint: "What you will sign in with, e.g. it-admin: lowercase letters, digits, '.', '_' or '-'.",
    name: "Your name",
    email: "Email",
    password: "Password",
    create: "Create the first admin",
    creating: "Creating…",
    failed: "The first admin could not be created. Try again.",
  },
  zh: {
    title: "设置 ClawGate",
    intro: "此 ClawGate 还没有管理员。请创建第一位管理员：创建后立即登录，并在控制台中搭建组织。",
    noToken: "请先设置 Worker 密钥 SETUP_TOKEN（至少 32 个字符），然后刷新本页：",
    token: "设置令牌",
    tokenHint: "你用 wrangler secret put 设置的 SETUP_TOKEN。",
    employeeId: "你的员工 ID",
    employeeIdHint: "用于登录，例如 it-admin：小写字母、数字、“.”、“_”或“-”。",
    name: "你的姓名",
    email: "邮箱",
    password: "密码",
    create: "创建第一位管理员",
    creating: "正在创建…",
    failed: "无法创建第一位管理员，请重试。",
  },
});

/** The first-run form on the sign-in page, shown while the server says no admin exists. */
export function FirstAdminSetup({ status, onSignedIn }: { status: SetupStatus; onSignedIn: (me: Me) => void }) {
  const t = useStrings(STRINGS);
  const rules = useStrings(PASSWORD_RULES);
  const passwordHint = [rules.min_length, rules.character_variety, rules.not_employee_id].join("; ");
  const [form, setForm] = useState({ setupToken: "", employeeId: "", name: "", email: "", password: "" });
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const set = (key: keyof typeof form) => (e: { target: { value: string } }) => setForm({ ...form, [key]: e.target.value });

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    if (busy) return;
    setBusy(true);
    setError(null);
    try {
      onSignedIn(await createFirstAdmin({ ...form, employeeId: form.employeeId.trim() }));
    } catch (err) {
      setError(describeError(err, t.failed));
      setBusy(false);
    }
  };

  return (
    <form className="login-card" onSubmit={onSubmit} aria-labelledby="setup-title" data-testid="first-admin-setup">
      <h1 id="setup-title" className="login-title">
        {t.title}
      </h1>
      <p className="login-subtitle">{t.intro}</p>
      {status.tokenConfigured ? (
        <>
          <TextField id="setup-token" data-testid="setup-token" label={t.token} hint={t.tokenHint} type="password" autoComplete="off" required value={form.setupToken} onChange={set("setupToken")} />
          <TextField id="setup-employee-id" data-testid="setup-employee-id" label={t.employeeId} hint={t.employeeIdHint} autoComplete="username" required value={form.employeeId} onChange={set("employeeId")} />
          <TextField id="setup-name" data-testid="setup-name" label={t.name} autoComplete="name" required value={form.name} onChange={set("name")} />
          <TextField id="setup-email" data-testid="setup-email" label={t.email} type="email" autoComplete="email" required value={form.email} onChange={set("email")} />
          <TextField id="setup-password" data-testid="setup-password" label={t.password} hint={passwordHint} type="password" autoComplete="new-password" required value={form.password} onChange={set("password")} />
          {error ? (
            <p className="login-error" role="alert" data-testid="setup-error">
              {error}
            </p>
          ) : null}
          <button type="submit" className="button button--primary button--block" data-testid="setup-submit" disabled={busy}>
            {busy ? t.creating : t.create}
          </button>
        </>
      ) : (
        <>
          <p data-testid="setup-no-token">{t.noToken}</p>
          <pre className="login-command">openssl rand -hex 24 | npx wrangler secret put SETUP_TOKEN</pre>
        </>
      )}
    </form>
  );
}
