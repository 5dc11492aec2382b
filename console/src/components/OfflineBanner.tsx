import type { RuntimeInfo } from "@clawgate/contracts";
import { defineStrings, useStrings } from "../i18n/strings.ts";

const STRINGS = defineStrings({
  en: {
    offline:
      "Offline model — replies come from ClawGate's built-in deterministic stand-in, not a real LLM. " +
      "Configure Bedrock or an OpenAI-compatible endpoint to use a real model.",
  },
  zh: {
    offline: "离线模型——回复来自 ClawGate 内置的确定性替身，而非真实的大语言模型。配置 Bedrock 或兼容 OpenAI 的端点即可使用真实模型。",
  },
});

/** Shown on every page while the default runtime answers with the offline model. */
export function OfflineBanner({ info }: { info: RuntimeInfo | null }) {
  const t = useStrings(STRINGS);
  if (!info?.offlineModel) return null;
  return (
    <div className="offline-banner" role="status" data-testid="offline-banner">
      {t.offline}
    </div>
  );
}
