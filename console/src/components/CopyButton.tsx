import { useState } from "react";

/** Copies a text to the clipboard and says so in a live region (screen readers hear "Copied"). */
export function CopyButton({ text, label, testId }: { text: string; label: string; testId?: string }) {
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
        {state === "copied" ? "Copied" : state === "failed" ? "Copy failed — select the text and copy it yourself" : ""}
      </span>
    </>
  );
}
