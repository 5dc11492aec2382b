import { useState } from "react";
import { defineStrings, useStrings } from "../i18n/strings.ts";

const STRINGS = defineStrings({
  en: { copied: "Copied", failed: "Copy failed — select the text and copy it yourself" },
  zh: { copied: "已复制", failed: "复制失败——请选中文字后手动复制" },
});

/** Copies a text to the clipboard and says so in a live region (screen readers hear "Copied"). */
export function CopyButton({ text, label, testId }: { text: string; label: string; testId?: string }) {
  const t = useStrings(STRINGS);
  const [state, setState] = useState<"idle" | "copied" | "failed">("idle");
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(text);
      setState("copied");
    } catch {
      setState("failed"); // e.g. an insecure context: the text stays selectable on the page
    }
  };
  return (
    <>
      <button type="button" className="button" onClick={copy} data-testid={testId}>
        {label}
      </button>
      <span className="copy-status" role="status">
        {state === "copied" ? t.copied : state === "failed" ? t.failed : ""}
      </span>
    </>
  );
}
