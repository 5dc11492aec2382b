import type { RuntimeInfo } from "@clawgate/contracts";

export const OFFLINE_BANNER_TEXT =
  "Offline model — replies come from ClawGate's built-in deterministic stand-in, not a real LLM. " +
  "Configure Bedrock or an OpenAI-compatible endpoint to use a real model.";

/** Shown on every page while the default runtime answers with the offline model. */
export function OfflineBanner({ info }: { info: RuntimeInfo | null }) {
  if (!info?.offlineModel) return null;
  return (
    <div className="offline-banner" role="status" data-testid="offline-banner">
      {OFFLINE_BANNER_TEXT}
    </div>
  );
}
