import { useEffect, useState, type FormEvent } from "react";
import type { OrgLanguage, OrgSettings, OrgSettingsPatch } from "@clawgate/contracts";
import { LoadState, Outcome } from "../../components/PageNotices.tsx";
import { describeError } from "../../errors.ts";
import { defineStrings, useStrings } from "../../i18n/strings.ts";
import { getSettings, updateSettings } from "../../opsApi.ts";
import { useLoaded } from "./useLoaded.ts";
import "./SettingsPage.css";

const STRINGS = defineStrings({
  en: {
    // What could not be loaded, in the sentence useLoaded words.
    what: "the settings",
    title: "Settings",
    intro: "Organisation-wide settings. Each one changes behaviour at once; every change is recorded in the audit trail.",
    name: "Organisation name",
    nameHint: "Agents introduce themselves as working for it, and the company directory uses it. Changing it reaches every agent on its next turn.",
    language: "Default language for new employees",
    languageHint: "The language a new employee's agent and profile start with when the admin or single sign-on does not set one. Existing employees keep theirs.",
    english: "English",
    chinese: "中文 (Chinese)",
    twins: "Allow digital twins",
    twinsHint: "Off: every twin link answers “not found” from the next request and nobody can switch a twin on. Each employee's own switch is kept, so links work again when you turn this back on.",
    save: "Save settings",
    saving: "Saving…",
    saved: "Settings saved.",
    unchanged: "Nothing to save: these are the settings in force.",
    failed: "Could not save the settings.",
  },
  zh: {
    what: "设置",
    title: "设置",
    intro: "全组织范围的设置。每项更改立即生效，并记录在审计日志中。",
    name: "组织名称",
    nameHint: "智能体会介绍自己就职于该组织，公司通讯录也使用该名称。更改后每个智能体在下一轮对话中生效。",
    language: "新员工的默认语言",
    languageHint: "当管理员或单点登录未指定语言时，新员工的智能体和个人资料使用的语言。现有员工保持不变。",
    english: "English（英语）",
    chinese: "中文",
    twins: "允许数字分身",
    twinsHint: "关闭后：所有数字分身链接从下一个请求起返回“未找到”，且无人能开启数字分身。员工各自的开关会保留，重新开启后链接恢复可用。",
    save: "保存设置",
    saving: "正在保存…",
    saved: "设置已保存。",
    unchanged: "没有需要保存的更改：当前设置已生效。",
    failed: "无法保存设置。",
  },
});

/** Only what differs from the settings in force, so an unchanged field is never rewritten or audited. */
function changesOf(saved: OrgSettings, draft: OrgSettings): OrgSettingsPatch {
  const patch: OrgSettingsPatch = {};
  if (draft.organisationName.trim() !== saved.organisationName) patch.organisationName = draft.organisationName;
  if (draft.defaultLanguage !== saved.defaultLanguage) patch.defaultLanguage = draft.defaultLanguage;
  if (draft.twinsEnabled !== saved.twinsEnabled) patch.twinsEnabled = draft.twinsEnabled;
  return patch;
}

/** The organisation's settings (admins only; the server refuses everyone else). */
export function SettingsPage() {
  const t = useStrings(STRINGS);
  const { data, error } = useLoaded(getSettings, t.what);
  const [saved, setSaved] = useState<OrgSettings | null>(null);
  const [draft, setDraft] = useState<OrgSettings | null>(null);
  const [saving, setSaving] = useState(false);
  const [outcome, setOutcome] = useState<{ ok: boolean; text: string } | null>(null);

  useEffect(() => {
    if (data) {
      setSaved(data);
      setDraft(data);
    }
  }, [data]);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!saved || !draft) return;
    const patch = changesOf(saved, draft);
    if (Object.keys(patch).length === 0) {
      setOutcome({ ok: true, text: t.unchanged });
      return;
    }
    setSaving(true);
    setOutcome(null);
    try {
      const next = await updateSettings(patch);
      setSaved(next);
      setDraft(next);
      setOutcome({ ok: true, text: t.saved });
    } catch (err) {
      setOutcome({ ok: false, text: describeError(err, t.failed) });
    } finally {
      setSaving(false);
    }
  };

  return (
    <main className="page" aria-labelledby="settings-title" data-testid="settings-page">
      <h1 id="settings-title" className="page-title">
        {t.title}
      </h1>
      <p className="muted">{t.intro}</p>
      <LoadState error={error} loading={!draft && !error} />
      {draft ? (
        <form className="card settings-form" onSubmit={(event) => void submit(event)} data-testid="settings-form">
          <div className="field">
            <label className="field-label" htmlFor="settings-name">
              {t.name}
            </label>
            <input
              id="settings-name"
              className="field-input"
              value={draft.organisationName}
              maxLength={100}
              required
              aria-describedby="settings-name-hint"
              onChange={(event) => setDraft({ ...draft, organisationName: event.target.value })}
            />
            <p id="settings-name-hint" className="field-hint">
              {t.nameHint}
            </p>
          </div>
          <div className="field">
            <label className="field-label" htmlFor="settings-language">
              {t.language}
            </label>
            <select
              id="settings-language"
              className="field-input"
              value={draft.defaultLanguage}
              aria-describedby="settings-language-hint"
              onChange={(event) => setDraft({ ...draft, defaultLanguage: event.target.value as OrgLanguage })}
            >
              <option value="en">{t.english}</option>
              <option value="zh">{t.chinese}</option>
            </select>
            <p id="settings-language-hint" className="field-hint">
              {t.languageHint}
            </p>
          </div>
          <div className="field settings-toggle">
            <input
              id="settings-twins"
              type="checkbox"
              checked={draft.twinsEnabled}
              aria-describedby="settings-twins-hint"
              onChange={(event) => setDraft({ ...draft, twinsEnabled: event.target.checked })}
            />
            <label className="field-label" htmlFor="settings-twins">
              {t.twins}
            </label>
            <p id="settings-twins-hint" className="field-hint">
              {t.twinsHint}
            </p>
          </div>
          <Outcome outcome={outcome} />
          <button type="submit" className="button button--primary" disabled={saving}>
            {saving ? t.saving : t.save}
          </button>
        </form>
      ) : null}
    </main>
  );
}
