import { useCallback, useState } from "react";
import type { Employee, Position, SoulLayer, SoulLayerKind } from "@clawgate/contracts";
import { getSoul, soulPath } from "../../../adminApi.ts";
import { defineStrings, useStrings } from "../../../i18n/strings.ts";
import { Card } from "../../../components/Card.tsx";
import { LoadState } from "../../../components/PageNotices.tsx";
import { useLoaded } from "../useLoaded.ts";
import "./AgentSoulLayers.css";

const STRINGS = defineStrings({
  en: {
    title: "One agent's SOUL, layer by layer",
    intro: "The agent reads the three layers in this order; the global layer comes first and is locked for everyone else.",
    employee: "Agent of",
    layer: (kind: SoulLayerKind, scope: string) => ({ global: "Global", position: `Position: ${scope}`, personal: `Personal: ${scope}` })[kind],
    version: (n: number) => (n ? `v${n}` : "no version yet"),
    empty: "(empty)",
    edit: "Edit",
    editLabel: (layer: string) => `Edit the ${layer} layer`,
    what: "the agent's SOUL layers",
  },
  zh: {
    title: "单个智能体的 SOUL（逐层）",
    intro: "智能体按此顺序读取三层；全局层在最前，且对其他人锁定。",
    employee: "智能体所属员工",
    layer: (kind: SoulLayerKind, scope: string) => ({ global: "全局", position: `岗位：${scope}`, personal: `个人：${scope}` })[kind],
    version: (n: number) => (n ? `v${n}` : "尚无版本"),
    empty: "（空）",
    edit: "编辑",
    editLabel: (layer: string) => `编辑${layer}层`,
    what: "该智能体的 SOUL 层",
  },
});

interface Props {
  employees: Employee[];
  positions: Position[];
  /** The employee shown first: the signed-in one when in view. */
  initialEmployeeId: string;
  /** Changes whenever the editor saved or reverted, so the columns show the new version. */
  revision: number;
  onEdit: (kind: SoulLayerKind, scopeId: string) => void;
}

/** The global, position and personal layers of one employee's agent side by side, each a click away from the editor. */
export function AgentSoulLayers({ employees, positions, initialEmployeeId, revision, onEdit }: Props) {
  const t = useStrings(STRINGS);
  const [chosen, setChosen] = useState(initialEmployeeId);
  const employee = employees.find((e) => e.id === chosen) ?? employees[0];
  const positionId = employee?.positionId ?? "";
  const employeeId = employee?.id ?? "";

  const load = useCallback(
    async (signal: AbortSignal): Promise<SoulLayer[]> => {
      void revision; // a dependency only: reload after the editor changed a layer
      if (!employeeId) return [];
      return Promise.all([getSoul(soulPath("global", "*"), signal), getSoul(soulPath("position", positionId), signal), getSoul(soulPath("personal", employeeId), signal)]);
    },
    [employeeId, positionId, revision],
  );
  const { data, error } = useLoaded(load, t.what);
  if (!employee) return null;

  const scopeName = (layer: SoulLayer) =>
    layer.layer === "position" ? (positions.find((p) => p.id === layer.scopeId)?.name ?? layer.scopeId) : layer.layer === "personal" ? employee.name : "";

  return (
    <Card titleId="soul-layers-title" title={t.title} testId="soul-layers">
      <p className="muted">{t.intro}</p>
      <label className="field soul-layers-employee">
        <span className="field-label">{t.employee}</span>
        <select className="field-input" value={employee.id} onChange={(e) => setChosen(e.target.value)} data-testid="soul-layers-employee">
          {employees.map((e) => (
            <option key={e.id} value={e.id}>
              {e.name}
            </option>
          ))}
        </select>
      </label>
      <LoadState error={error} loading={!data} />
      {data ? (
        <ol className="soul-layers">
          {data.map((layer) => {
            const title = t.layer(layer.layer, scopeName(layer));
            return (
              <li key={layer.layer} className="soul-layer" data-testid={`soul-layer-${layer.layer}`}>
                <div className="soul-layer-header">
                  <h3 className="soul-layer-title">
                    {title} <span className="muted">{t.version(layer.currentVersion)}</span>
                  </h3>
                  <button type="button" className="button button--small" onClick={() => onEdit(layer.layer, layer.scopeId)} aria-label={t.editLabel(title)}>
                    {t.edit}
                  </button>
                </div>
                <pre className="soul-layer-text">{layer.text || t.empty}</pre>
              </li>
            );
          })}
        </ol>
      ) : null}
    </Card>
  );
}
