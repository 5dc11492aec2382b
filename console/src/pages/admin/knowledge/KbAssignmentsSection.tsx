import { useState, type FormEvent } from "react";
import type { Employee, KbAssignmentScope, KnowledgeBase, Position } from "@clawgate/contracts";
import { Card } from "../../../components/Card.tsx";
import { EmptyState } from "../../../components/PageNotices.tsx";
import { assignKb, unassignKb } from "../../../governanceApi.ts";
import { defineStrings, useStrings } from "../../../i18n/strings.ts";
import type { KbAct } from "./act.ts";

const STRINGS = defineStrings({
  en: {
    title: (kb: string) => `Who ${kb} reaches`,
    empty: "Assigned to nobody yet: no agent reads it until you assign it below.",
    everyone: "Everyone",
    position: "Position",
    employee: "Employee",
    target: (kind: string, name: string) => `${kind}: ${name}`,
    removeLabel: (name: string) => `Remove the assignment to ${name}`,
    removed: "Assignment removed.",
    removeFailed: "Could not remove the assignment.",
    remove: "Remove",
    assignLabel: (kb: string) => `Assign ${kb}`,
    assignTo: "Assign to",
    aPosition: "A position",
    anEmployee: "An employee",
    choose: "Choose…",
    assign: "Assign",
    assigned: (kb: string) => `Assigned ${kb}.`,
    assignFailed: "Could not assign the knowledge base.",
  },
  zh: {
    title: (kb: string) => `${kb} 的覆盖范围`,
    empty: "尚未分配给任何人：在下方分配之前，没有智能体会读取它。",
    everyone: "全体",
    position: "岗位",
    employee: "员工",
    target: (kind: string, name: string) => `${kind}：${name}`,
    removeLabel: (name: string) => `移除对 ${name} 的分配`,
    removed: "已移除分配。",
    removeFailed: "无法移除该分配。",
    remove: "移除",
    assignLabel: (kb: string) => `分配 ${kb}`,
    assignTo: "分配给",
    aPosition: "某个岗位",
    anEmployee: "某位员工",
    choose: "请选择…",
    assign: "分配",
    assigned: (kb: string) => `已分配 ${kb}。`,
    assignFailed: "无法分配该知识库。",
  },
});

interface KbAssignmentsSectionProps {
  base: KnowledgeBase;
  positions: Position[];
  employees: Employee[];
  act: KbAct;
}

/** Who a knowledge base reaches (a position, an employee, everyone), and changing that. */
export function KbAssignmentsSection({ base, positions, employees, act }: KbAssignmentsSectionProps) {
  const t = useStrings(STRINGS);
  const [scope, setScope] = useState<KbAssignmentScope>("position");
  const [targetId, setTargetId] = useState("");
  const targets = scope === "position" ? positions : scope === "employee" ? employees : [];

  const assign = (event: FormEvent) => {
    event.preventDefault();
    void act(() => assignKb(base.id, scope, targetId), t.assigned(base.name), t.assignFailed);
  };

  return (
    <Card titleId="kb-assignments-title" title={t.title(base.name)}>
      {base.assignments.length === 0 ? (
        <EmptyState>{t.empty}</EmptyState>
      ) : (
        <ul className="plain-list" data-testid="kb-assignments">
          {base.assignments.map((a) => (
            <li key={`${a.scope}:${a.targetId}`}>
              {a.scope === "everyone" ? t.everyone : t.target(a.scope === "position" ? t.position : t.employee, a.targetName ?? a.targetId)}{" "}
              <button
                type="button"
                className="button button--small"
                aria-label={t.removeLabel(a.targetName ?? a.targetId)}
                onClick={() => void act(() => unassignKb(base.id, a.scope, a.targetId), t.removed, t.removeFailed)}
              >
                {t.remove}
              </button>
            </li>
          ))}
        </ul>
      )}
      <form className="toolbar" onSubmit={assign} aria-label={t.assignLabel(base.name)}>
        <label className="field">
          <span className="field-label">{t.assignTo}</span>
          <select
            className="field-input"
            value={scope}
            onChange={(e) => {
              setScope(e.target.value as KbAssignmentScope);
              setTargetId("");
            }}
          >
            <option value="position">{t.aPosition}</option>
            <option value="employee">{t.anEmployee}</option>
            <option value="everyone">{t.everyone}</option>
          </select>
        </label>
        {scope !== "everyone" ? (
          <label className="field">
            <span className="field-label">{scope === "position" ? t.position : t.employee}</span>
            <select className="field-input" value={targetId} onChange={(e) => setTargetId(e.target.value)} required>
              <option value="">{t.choose}</option>
              {targets.map((target) => (
                <option key={target.id} value={target.id}>
                  {target.name}
                </option>
              ))}
            </select>
          </label>
        ) : null}
        <button type="submit" className="button button--primary">
          {t.assign}
        </button>
      </form>
    </Card>
  );
}
