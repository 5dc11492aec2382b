import { LANGUAGES, useLanguage, type Language } from "./language.tsx";

// Each language is named in itself, so whoever cannot read the current UI still finds their own.
const NAMES: Record<Language, string> = { en: "English", zh: "中文" };

export function LanguageSwitch() {
  const { language, setLanguage } = useLanguage();
  return (
    <label className="language-switch">
      <span className="visually-hidden">Language / 语言</span>
      <select value={language} onChange={(event) => setLanguage(event.target.value as Language)} data-testid="language-switch">
        {LANGUAGES.map((code) => (
          <option key={code} value={code} lang={code === "zh" ? "zh-CN" : "en"}>
            {NAMES[code]}
          </option>
        ))}
      </select>
    </label>
  );
}
