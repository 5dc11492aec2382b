import { useCallback } from "react";
import { useLanguage } from "../../i18n/language.tsx";

/** Formats an ISO instant as a date and time in the UI language, in the browser's time zone. */
export function useFormatTime(): (iso: string) => string {
  const { language } = useLanguage();
  return useCallback(
    (iso: string) => new Date(iso).toLocaleString(language === "zh" ? "zh-CN" : "en", { dateStyle: "medium", timeStyle: "short" }),
    [language],
  );
}
