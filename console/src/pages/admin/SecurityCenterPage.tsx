import type { AgentSummary, Guardrail, Position, Runtime, RuntimeGuardrails } from "@clawgate/contracts";
import { getPositions } from "../../adminApi.ts";
import { getAgents, getRuntimes } from "../../agentsApi.ts";
import { getGuardrails, getRuntimeGuardrails } from "../../securityApi.ts";
import { defineStrings, useStrings } from "../../i18n/strings.ts";
import { LoadState } from "../../components/PageNotices.tsx";
import { GuardrailsSection } from "./security/GuardrailsSection.tsx";
import { PositionRoutingSection } from "./security/PositionRoutingSection.tsx";
import { RuntimeGuardrailsSection } from "./security/RuntimeGuardrailsSection.tsx";
import { RuntimesSection } from "./security/RuntimesSection.tsx";
import { useLoaded } from "./useLoaded.ts";
import "./SecurityCenterPage.css";

const STRINGS = defineStrings({
  en: { title: "Security Center", what: "the security settings" },
  zh: { title: "安全中心", what: "安全设置" },
});

interface SecurityData {
  runtimes: Runtime[];
  attachments: RuntimeGuardrails[];
  guardrails: Guardrail[];
  positions: Position[];
  agents: AgentSummary[];
}

async function load(signal: AbortSignal): Promise<SecurityData> {
  const [runtimes, guardrails, positions, agents] = await Promise.all([getRuntimes(signal), getGuardrails(signal), getPositions(signal), getAgents(signal)]);
  const attachments = await Promise.all(runtimes.map((runtime) => getRuntimeGuardrails(runtime.id, signal)));
  return { runtimes, attachments, guardrails, positions, agents };
}

/** Admins: runtimes, which position runs where, guardrails, and which runtime applies which guardrail. */
export function SecurityCenterPage() {
  const t = useStrings(STRINGS);
  const { data, error, reload } = useLoaded(load, t.what);
  return (
    <main className="page page--wide" aria-labelledby="security-title">
      <h1 id="security-title" className="page-title">
        {t.title}
      </h1>
      <LoadState error={error} loading={!data} />
      {data ? (
        <>
          <RuntimesSection runtimes={data.runtimes} onChanged={reload} />
          <PositionRoutingSection positions={data.positions} runtimes={data.runtimes} agents={data.agents} onChanged={reload} />
          <GuardrailsSection guardrails={data.guardrails} runtimes={data.runtimes} onChanged={reload} />
          {/* Keyed by the attachments so a reload after a change shows the saved state, not the old draft. */}
          <RuntimeGuardrailsSection key={JSON.stringify(data.attachments)} runtimes={data.runtimes} attachments={data.attachments} guardrails={data.guardrails} onChanged={reload} />
        </>
      ) : null}
    </main>
  );
}
