import type { Guardrail, Runtime } from "@clawgate/contracts";
import { describeError } from "../../../errors.ts";
import { defineStrings, useStrings } from "../../../i18n/strings.ts";
import { Card } from "../../../components/Card.tsx";
import { DataTable } from "../../../components/DataTable.tsx";
import { EditDeleteCell } from "../../../components/EditDeleteCell.tsx";
import { EmptyState, Outcome } from "../../../components/PageNotices.tsx";
import { deleteGuardrail } from "../../../securityApi.ts";
import { conflictOf } from "./conflicts.ts";
import { GuardrailForm } from "./GuardrailForm.tsx";
import { useRowEditing } from "../useRowEditing.ts";

const STRINGS = defineStrings({
  en: {
    title: "Guardrails",
    intro: "Checks a runtime applies to what goes into the agent and what comes out of it. Changes apply from the next turn.",
    caption: "Guardrails",
    name: "Name",
    kind: "Kind",
    rules: "Rules",
    usedBy: "Used by",
    actions: "Actions",
    unused: "no runtime",
    usage: (runtime: string, as: string) => `${runtime} (${as === "input" ? "input" : "output"})`,
    bedrockRule: (id: string, version: string, region: string) => `${id} v${version}, ${region}`,
    builtinRule: (topics: number, pii: number, lists: number) => `${topics} topic(s), ${pii} personal data type(s), ${lists} word list(s)`,
    editLabel: (name: string) => `Edit guardrail ${name}`,
    removeLabel: (name: string) => `Delete guardrail ${name}`,
    confirmDelete: (name: string) => `Delete the guardrail ${name}?`,
    saved: (name: string) => `Saved ${name}. Runtimes using it apply it from the next turn.`,
    deleted: (name: string) => `Deleted ${name}.`,
    inUse: (runtimes: string) => `Not deleted: ${runtimes} use this guardrail. Detach it under "Guardrails per runtime" first, then delete it.`,
    failed: "Could not delete the guardrail.",
    empty: "No guardrails yet. Add a built-in one to try it offline, or reference a Bedrock guardrail.",
  },
  zh: {
    title: "护栏",
    intro: "运行时对智能体的输入和输出执行的检查。更改从下一轮对话起生效。",
    caption: "护栏",
    name: "名称",
    kind: "类型",
    rules: "规则",
    usedBy: "使用者",
    actions: "操作",
    unused: "无运行时",
    usage: (runtime: string, as: string) => `${runtime}（${as === "input" ? "输入" : "输出"}）`,
    bedrockRule: (id: string, version: string, region: string) => `${id} v${version}，${region}`,
    builtinRule: (topics: number, pii: number, lists: number) => `${topics} 个话题，${pii} 类个人信息，${lists} 个词表`,
    editLabel: (name: string) => `编辑护栏 ${name}`,
    removeLabel: (name: string) => `删除护栏 ${name}`,
    confirmDelete: (name: string) => `删除护栏 ${name}？`,
    saved: (name: string) => `已保存 ${name}。使用它的运行时从下一轮对话起生效。`,
    deleted: (name: string) => `已删除 ${name}。`,
    inUse: (runtimes: string) => `未删除：${runtimes} 正在使用此护栏。请先在“各运行时的护栏”中解除，然后再删除。`,
    failed: "无法删除护栏。",
    empty: "还没有护栏。可添加内置护栏离线试用，或引用 Bedrock 护栏。",
  },
});

/** The guardrails: add, edit, delete with the 409 (runtimes still using it) explained by name. */
export function GuardrailsSection({ guardrails, runtimes, onChanged }: { guardrails: Guardrail[]; runtimes: Runtime[]; onChanged: () => void }) {
  const t = useStrings(STRINGS);
  const { editing, setEditing, outcome, setOutcome, done } = useRowEditing(onChanged);
  const runtimeName = (id: string) => runtimes.find((r) => r.id === id)?.name ?? id;
  const usage = (uses: Guardrail["runtimes"]) => uses.map((use) => t.usage(runtimeName(use.runtimeId), use.as)).join(", ");

  const remove = async (guardrail: Guardrail) => {
    if (!window.confirm(t.confirmDelete(guardrail.name))) return;
    setOutcome(null);
    try {
      await deleteGuardrail(guardrail.id);
      done(t.deleted(guardrail.name));
    } catch (err) {
      const conflict = conflictOf(err);
      const users = conflict && Array.isArray(conflict.details["runtimes"]) ? (conflict.details["runtimes"] as Guardrail["runtimes"]) : null;
      setOutcome({ ok: false, text: users ? t.inUse(usage(users)) : describeError(err, t.failed) });
    }
  };

  return (
    <Card titleId="guardrails-title" title={t.title} testId="security-guardrails">
      <p className="muted">{t.intro}</p>
      <Outcome outcome={outcome} />
      {guardrails.length === 0 ? (
        <EmptyState>{t.empty}</EmptyState>
      ) : (
        <DataTable caption={t.caption} columns={[t.name, t.kind, t.rules, t.usedBy]} actions={t.actions}>
          {guardrails.map((guardrail) => (
            <tr key={guardrail.id} data-testid="guardrail-row">
              <th scope="row">{guardrail.name}</th>
              <td>{guardrail.kind}</td>
              <td>
                {guardrail.bedrock
                  ? t.bedrockRule(guardrail.bedrock.guardrailId, guardrail.bedrock.version, guardrail.bedrock.region)
                  : guardrail.policy
                    ? t.builtinRule(guardrail.policy.deniedTopics.length, guardrail.policy.pii.length, guardrail.policy.wordLists.length)
                    : null}
              </td>
              <td>{guardrail.runtimes.length ? usage(guardrail.runtimes) : <span className="muted">{t.unused}</span>}</td>
              <EditDeleteCell editLabel={t.editLabel(guardrail.name)} deleteLabel={t.removeLabel(guardrail.name)} onEdit={() => setEditing(guardrail.id)} onDelete={() => void remove(guardrail)} />
            </tr>
          ))}
        </DataTable>
      )}
      {guardrails
        .filter((guardrail) => guardrail.id === editing)
        .map((guardrail) => (
          <GuardrailForm key={guardrail.id} guardrail={guardrail} onDone={(name) => done(t.saved(name))} onCancel={() => setEditing(null)} />
        ))}
      <GuardrailForm onDone={(name) => done(t.saved(name))} />
    </Card>
  );
}
