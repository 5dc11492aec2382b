import type { Runtime } from "@clawgate/contracts";
import { describeError } from "../../../errors.ts";
import { defineStrings, useStrings } from "../../../i18n/strings.ts";
import { Card } from "../../../components/Card.tsx";
import { DataTable } from "../../../components/DataTable.tsx";
import { EditDeleteCell } from "../../../components/EditDeleteCell.tsx";
import { EmptyState, Outcome } from "../../../components/PageNotices.tsx";
import { deleteRuntime, updateRuntime } from "../../../securityApi.ts";
import { conflictOf } from "./conflicts.ts";
import { RuntimeForm } from "./RuntimeForm.tsx";
import { useRowEditing } from "../useRowEditing.ts";

const STRINGS = defineStrings({
  en: {
    title: "Runtimes",
    intro: "Where agents run. The default runtime serves everyone no position rule, override or always-on endpoint sends elsewhere.",
    caption: "Runtimes",
    name: "Name",
    kind: "Kind",
    target: "Target",
    actions: "Actions",
    isDefault: "default",
    editLabel: (name: string) => `Edit runtime ${name}`,
    makeDefault: "Make default",
    makeDefaultLabel: (name: string) => `Make ${name} the default runtime`,
    removeLabel: (name: string) => `Delete runtime ${name}`,
    confirmDelete: (name: string) => `Delete the runtime ${name}?`,
    added: (name: string) => `Saved ${name}. Agents use it from their next turn.`,
    madeDefault: (name: string) => `${name} is now the default runtime.`,
    deleted: (name: string) => `Deleted ${name}.`,
    inUse: (message: string) => `Not deleted: ${message} Change the position routing below, or the agents' overrides in the Agent Factory, then delete it.`,
    isTheDefault: (message: string) => `Not deleted: ${message}`,
    failed: "Could not change the runtime.",
    empty: "No runtimes yet: add one, and make it the default so agents can run.",
  },
  zh: {
    title: "运行时",
    intro: "智能体运行的位置。没有岗位规则、员工覆盖或常驻端点指向别处的智能体都由默认运行时服务。",
    caption: "运行时",
    name: "名称",
    kind: "类型",
    target: "目标",
    actions: "操作",
    isDefault: "默认",
    editLabel: (name: string) => `编辑运行时 ${name}`,
    makeDefault: "设为默认",
    makeDefaultLabel: (name: string) => `将 ${name} 设为默认运行时`,
    removeLabel: (name: string) => `删除运行时 ${name}`,
    confirmDelete: (name: string) => `删除运行时 ${name}？`,
    added: (name: string) => `已保存 ${name}。智能体将在下一轮对话时使用。`,
    madeDefault: (name: string) => `${name} 现在是默认运行时。`,
    deleted: (name: string) => `已删除 ${name}。`,
    inUse: (message: string) => `未删除：${message} 请先在下方修改岗位路由，或在智能体工厂中修改员工覆盖，然后再删除。`,
    isTheDefault: (message: string) => `未删除：${message}`,
    failed: "无法修改运行时。",
    empty: "还没有运行时：请添加一个并设为默认，智能体才能运行。",
  },
});

const targetOf = (runtime: Runtime) => (runtime.kind === "http" ? runtime.endpoint : `${runtime.arn} · ${runtime.region} · ${runtime.qualifier}`);

/** The runtimes: add, edit, make default, delete with the 409 (default, or agents routed to it) explained. */
export function RuntimesSection({ runtimes, onChanged }: { runtimes: Runtime[]; onChanged: () => void }) {
  const t = useStrings(STRINGS);
  const { editing, setEditing, outcome, setOutcome, done } = useRowEditing(onChanged);

  const makeDefault = async (runtime: Runtime) => {
    setOutcome(null);
    try {
      await updateRuntime(runtime.id, { isDefault: true });
      done(t.madeDefault(runtime.name));
    } catch (err) {
      setOutcome({ ok: false, text: describeError(err, t.failed) });
    }
  };
  const remove = async (runtime: Runtime) => {
    if (!window.confirm(t.confirmDelete(runtime.name))) return;
    setOutcome(null);
    try {
      await deleteRuntime(runtime.id);
      done(t.deleted(runtime.name));
    } catch (err) {
      const conflict = conflictOf(err);
      const text = conflict ? (conflict.details["blockers"] ? t.inUse(conflict.message) : t.isTheDefault(conflict.message)) : describeError(err, t.failed);
      setOutcome({ ok: false, text });
    }
  };

  return (
    <Card titleId="runtimes-title" title={t.title} testId="security-runtimes">
      <p className="muted">{t.intro}</p>
      <Outcome outcome={outcome} />
      {runtimes.length === 0 ? (
        <EmptyState>{t.empty}</EmptyState>
      ) : (
        <DataTable caption={t.caption} columns={[t.name, t.kind, t.target]} actions={t.actions}>
          {runtimes.map((runtime) => (
            <tr key={runtime.id} data-testid="runtime-row">
              <th scope="row">
                {runtime.name}
                {runtime.isDefault ? <span className="badge security-default">{t.isDefault}</span> : null} <span className="muted">{runtime.id}</span>
              </th>
              <td>{runtime.kind}</td>
              <td className="security-target">{targetOf(runtime)}</td>
              <EditDeleteCell editLabel={t.editLabel(runtime.name)} deleteLabel={t.removeLabel(runtime.name)} onEdit={() => setEditing(runtime.id)} onDelete={() => void remove(runtime)}>
                {runtime.isDefault ? null : (
                  <button type="button" className="button button--small" onClick={() => void makeDefault(runtime)} aria-label={t.makeDefaultLabel(runtime.name)}>
                    {t.makeDefault}
                  </button>
                )}
              </EditDeleteCell>
            </tr>
          ))}
        </DataTable>
      )}
      {runtimes
        .filter((runtime) => runtime.id === editing)
        .map((runtime) => (
          <RuntimeForm key={runtime.id} runtime={runtime} onDone={(name) => done(t.added(name))} onCancel={() => setEditing(null)} />
        ))}
      <RuntimeForm onDone={(name) => done(t.added(name))} />
    </Card>
  );
}
