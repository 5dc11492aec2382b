import { useState } from "react";
import type { Employee, KnowledgeBase, Position } from "@clawgate/contracts";
import { getEmployees, getPositions } from "../../adminApi.ts";
import { EmptyState, LoadState } from "../../components/PageNotices.tsx";
import { SelectField } from "../../components/Field.tsx";
import { describeError } from "../../errors.ts";
import { getKnowledgeBases } from "../../governanceApi.ts";
import { defineStrings, useStrings } from "../../i18n/strings.ts";
import type { KbAct } from "./knowledge/act.ts";
import { KbAssignmentsSection } from "./knowledge/KbAssignmentsSection.tsx";
import { KbDocumentsSection } from "./knowledge/KbDocumentsSection.tsx";
import { useLoaded } from "./useLoaded.ts";

const STRINGS = defineStrings({
  en: {
    title: "Knowledge",
    what: "the knowledge bases",
    none: "No knowledge bases you hold yet. An admin creates one and assigns it to your position.",
    knowledgeBase: "Knowledge base",
  },
  zh: {
    title: "知识库",
    what: "知识库",
    none: "你还没有可管理的知识库。管理员创建后会分配给你的岗位。",
    knowledgeBase: "知识库",
  },
});

interface KnowledgeData {
  bases: KnowledgeBase[];
  positions: Position[];
  employees: Employee[];
}

const load = async (signal: AbortSignal): Promise<KnowledgeData> => {
  const [bases, positions, employees] = await Promise.all([getKnowledgeBases(signal), getPositions(signal), getEmployees(signal)]);
  return { bases, positions, employees };
};

/** Knowledge bases the caller holds: their documents, uploading markdown, and who each base reaches. */
export function KnowledgePage() {
  const t = useStrings(STRINGS);
  const { data, error, reload } = useLoaded(load, t.what);
  const [selectedId, setSelectedId] = useState("");
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);

  const selected = data?.bases.find((base) => base.id === selectedId) ?? data?.bases[0] ?? null;

  const act: KbAct = async (run, done, failed) => {
    setMessage(null);
    try {
      await run();
      setMessage({ ok: true, text: done });
      reload();
      return true;
    } catch (err) {
      setMessage({ ok: false, text: describeError(err, failed) });
      return false;
    }
  };

  return (
    <main className="page page--wide" aria-labelledby="knowledge-title">
      <h1 id="knowledge-title" className="page-title">
        {t.title}
      </h1>
      <LoadState error={error} loading={!data} />
      {message ? (
        <p className={`notice ${message.ok ? "notice--ok" : "notice--error"}`} role={message.ok ? "status" : "alert"} data-testid="knowledge-message">
          {message.text}
        </p>
      ) : null}
      {data && data.bases.length === 0 ? <EmptyState>{t.none}</EmptyState> : null}
      {data && selected ? (
        <>
          <SelectField id="kb-select" label={t.knowledgeBase} value={selected.id} onChange={(e) => setSelectedId(e.target.value)} data-testid="kb-select">
            {data.bases.map((base) => (
              <option key={base.id} value={base.id}>
                {base.name}
              </option>
            ))}
          </SelectField>
          {selected.description ? <p className="muted">{selected.description}</p> : null}
          {/* Keyed by base, so a half-filled upload or assignment does not carry over to another base. */}
          <KbDocumentsSection key={`docs-${selected.id}`} base={selected} act={act} />
          <KbAssignmentsSection key={`assign-${selected.id}`} base={selected} positions={data.positions} employees={data.employees} act={act} />
        </>
      ) : null}
    </main>
  );
}
