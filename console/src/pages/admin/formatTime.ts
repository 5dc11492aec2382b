import type { Language } from "../../i18n/language.tsx";

/** A stored ISO time in the reader's UI language and local time zone. */
export const formatTime = (iso: string, language: Language) => new Date(iso).toLocaleString(language === "zh" ? "zh-CN" : "en");
