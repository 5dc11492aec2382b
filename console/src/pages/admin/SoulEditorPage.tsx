import { useCallback, useEffect, useRef, useState } from "react";
import type { Employee, Me, Position, SoulChange, SoulDiff, SoulHistory, SoulLayer, SoulLayerKind } from "@clawgate/contracts";
import { Card } from "../../components/Card.tsx";
import { SelectField } from "../../components/Field.tsx";
import { ApiError } from "../../api.ts";
import { getEmployees, getPositions, getSoul, getSoulDiff, getSoulHistory, revertSoul, saveSoul, soulPath } from "../../adminApi.ts";
import { describeError, isAbort } from "../../errors.ts";
import { defineStrings, useStrings } from "../../i18n/strings.ts";
import { AgentSoulLayers } from "./soul/AgentSoulLayers.tsx";

const STRINGS = defineStrings({
  en: {
    title: "SOUL editor",
    layer: "Layer",
    layers: (kind: SoulLayerKind) => ({ global: "Global (everyone)", position: "Position", personal: "Personal" })[kind],
    position: "Position",
    employee: "Employee",
    version: (n: number) => (n ? `Version ${n}` : "Version — none yet"),
    text: "SOUL text (Markdown)",
    reaches: (n: number) => `This change reaches ${n} agent(s) on their next turn.`,
    revertReaches: (version: number, n: number) => `Reverting makes version ${version}'s text the new latest version. It reaches ${n} agent(s) on their next turn.`,
    discardsEdits: "Your unsaved edits in the editor will be replaced.",
    confirmSave: (n: number) => `Save for ${n} agent(s)`,
    confirmRevert: (version: number, n: number) => `Revert to v${version} for ${n} agent(s)`,
    cancel: "Cancel",
    save: "Save…",
    history: "History",
    noVersions: "No versions yet.",
    diff: "Diff",
    revert: "Revert…",
    revertLabel: (version: number) => `Revert to version ${version}`,
    current: "current",
    diffCaption: (from: number, to: number, added: number, removed: number) => `v${from} → v${to}: +${added} −${removed}`,
    saved: (version: number, n: number) => `Saved version ${version}; ${n} agent(s) use it from their next turn.`,
    reverted: (to: number, version: number, n: number) => `Reverted to version ${to} as version ${version}; ${n} agent(s) use it from their next turn.`,
    unchanged: "No change: the text equals the latest version.",
    stale: (current: string) =>
      `Someone saved this layer while you were editing (it is now at version ${current}). Copy your text, reload the layer and apply your change again.`,
    readOnly: "Only admins change the global layer; you can read it and its history.",
    saveFailed: "Could not save.",
    loadOrgFailed: "Could not load positions and employees.",
    loadFailed: "Could not load this layer.",
    diffFailed: "Could not load the diff.",
  },
  zh: {
    title: "SOUL 编辑器",
    layer: "层级",
    layers: (kind: SoulLayerKind) => ({ global: "全局（所有人）", position: "岗位", personal: "个人" })[kind],
    position: "岗位",
    employee: "员工",
    version: (n: number) => (n ? `版本 ${n}` : "版本 — 尚无"),
    text: "SOUL 文本（Markdown）",
    reaches: (n: number) => `此更改将在下一轮对话时影响 ${n} 个智能体。`,
    revertReaches: (version: number, n: number) => `回退会把版本 ${version} 的文本作为新的最新版本，并在下一轮对话时影响 ${n} 个智能体。`,
    discardsEdits: "编辑器中未保存的修改将被替换。",
    confirmSave: (n: number) => `为 ${n} 个智能体保存`,
    confirmRevert: (version: number, n: number) => `为 ${n} 个智能体回退到 v${version}`,
    cancel: "取消",
    save: "保存…",
    history: "历史",
    noVersions: "还没有版本。",
    diff: "差异",
    revert: "回退…",
    revertLabel: (version: number) => `回退到版本 ${version}`,
    current: "当前",
    diffCaption: (from: number, to: number, added: number, removed: number) => `v${from} → v${to}：+${added} −${removed}`,
    saved: (version: number, n: number) => `已保存版本 ${version}；${n} 个智能体将在下一轮对话时使用。`,
    reverted: (to: number, version: number, n: number) => `已回退到版本 ${to}（新版本 ${version}）；${n} 个智能体将在下一轮对话时使用。`,
    unchanged: "没有更改：文本与最新版本相同。",
    stale: (current: string) => `在您编辑期间有人保存了此层级（当前为版本 ${current}）。请复制您的文本，重新加载该层级后再次修改。`,
    readOnly: "只有管理员可以修改全局层级；您可以查看它及其历史。",
    saveFailed: "无法保存。",
    loadOrgFailed: "无法加载岗位和员工。",
    loadFailed: "无法加载此层级。",
    diffFailed: "无法加载差异。",
  },
});

const LAYERS: SoulLayerKind[] = ["global", "position", "personal"];

/** What the editor is asking the admin to confirm: a save of the text, or a revert to an earlier version. */
type Pending = { kind: "save" } | { kind: "revert"; version: number };

/** A failure is kept as the error, so its fallback wording follows a later language switch without reloading anything. */
type Message = { ok: true; text: string } | { ok: false; text: string } | { ok: false; error: unknown; fallback: "loadOrgFailed" | "loadFailed" | "diffFailed" };

/** Added and removed lines are coloured; the `---`/`+++` file headers are not changes. */
function diffLineClass(line: string): string | undefined {
  if (line.startsWith("+++") || line.startsWith("---")) return undefined;
  return line.startsWith("+") ? "diff-add" : line.startsWith("-") ? "diff-del" : undefined;
}

/** SOUL layers: pick one, edit, see its history and diffs, save or revert with a warning of how many agents it reaches. */
export function SoulEditorPage({ me }: { me: Me }) {
  const t = useStrings(STRINGS);
  const [kind, setKind] = useState<SoulLayerKind>(me.role === "admin" ? "global" : "position");
  const [positions, setPositions] = useState<Position[]>([]);
  const [employees, setEmployees] = useState<Employee[]>([]);
  const [scopeId, setScopeId] = useState("*");
  const [layer, setLayer] = useState<SoulLayer | null>(null);
  const [history, setHistory] = useState<SoulHistory | null>(null);
  const [diff, setDiff] = useState<SoulDiff | null>(null);
  const [text, setText] = useState("");
  const [pending, setPending] = useState<Pending | null>(null);
  const [message, setMessage] = useState<Message | null>(null);
  // Counts saves and reverts, so the side-by-side view below reloads the layer that changed.
  const [revision, setRevision] = useState(0);
  const layerSelect = useRef<HTMLSelectElement>(null);

  useEffect(() => {
    const controller = new AbortController();
    Promise.all([getPositions(controller.signal), getEmployees(controller.signal)])
      .then(([p, e]) => {
        setPositions(p);
        setEmployees(e);
      })
      .catch((err: unknown) => {
        if (!isAbort(err)) setMessage({ ok: false, error: err, fallback: "loadOrgFailed" });
      });
    return () => controller.abort();
  }, []);

  // The scope follows the layer: `*` for global, else the first position or employee in view.
  const scopes = kind === "position" ? positions.map((p) => ({ id: p.id, name: p.name })) : kind === "personal" ? employees.map((e) => ({ id: e.id, name: e.name })) : [];
  const effectiveScope = kind === "global" ? "*" : scopes.some((s) => s.id === scopeId) ? scopeId : (scopes[0]?.id ?? "");
  const path = effectiveScope ? soulPath(kind, effectiveScope) : null;
  // The server refuses a manager's change of the global layer; it is not offered.
  const readOnly = kind === "global" && me.role !== "admin";

  const load = useCallback(async (target: string, signal?: AbortSignal) => {
    try {
      const [current, versions] = await Promise.all([getSoul(target, signal), getSoulHistory(target, signal)]);
      setLayer(current);
      setHistory(versions);
      setText(current.text);
      setDiff(null);
      setPending(null);
    } catch (err) {
      if (!isAbort(err)) setMessage({ ok: false, error: err, fallback: "loadFailed" });
    }
  }, []);

  useEffect(() => {
    setLayer(null);
    if (!path) return;
    const controller = new AbortController();
    void load(path, controller.signal);
    return () => controller.abort();
  }, [path, load]);

  const failure = (err: unknown): string => {
    if (err instanceof ApiError && err.status === 409) {
      const current = err.details["currentVersion"];
      return t.stale(typeof current === "number" ? String(current) : "?");
    }
    return describeError(err, t.saveFailed);
  };

  const confirm = async () => {
    if (!path || !layer || !pending) return;
    setMessage(null);
    try {
      const change: SoulChange = pending.kind === "save" ? await saveSoul(path, text, layer.currentVersion) : await revertSoul(path, pending.version, layer.currentVersion);
      // Reload first, so history and text already show the new version when the confirmation appears.
      await load(path);
      setRevision((n) => n + 1);
      if (!change.changed) setMessage({ ok: true, text: t.unchanged });
      else if (pending.kind === "revert") setMessage({ ok: true, text: t.reverted(pending.version, change.version, change.affectedAgents) });
      else setMessage({ ok: true, text: t.saved(change.version, change.affectedAgents) });
    } catch (err) {
      setPending(null);
      setMessage({ ok: false, text: failure(err) });
    }
  };

  // From the side-by-side view: open that layer here, and bring the editor into view.
  const editLayer = (layerKind: SoulLayerKind, layerScope: string) => {
    setKind(layerKind);
    setScopeId(layerScope);
    layerSelect.current?.focus();
  };

  const showDiff = async (version: number) => {
    if (!path) return;
    try {
      setDiff(await getSoulDiff(path, version));
    } catch (err) {
      setMessage({ ok: false, error: err, fallback: "diffFailed" });
    }
  };

  return (
    <main className="page page--wide" aria-labelledby="soul-title">
      <h1 id="soul-title" className="page-title">
        {t.title}
      </h1>
      <div className="toolbar">
        <SelectField id="soul-layer" label={t.layer} ref={layerSelect} value={kind} onChange={(e) => setKind(e.target.value as SoulLayerKind)} data-testid="soul-layer">
          {LAYERS.map((option) => (
            <option key={option} value={option}>
              {t.layers(option)}
            </option>
          ))}
        </SelectField>
        {kind !== "global" ? (
          <SelectField id="soul-scope" label={kind === "position" ? t.position : t.employee} value={effectiveScope} onChange={(e) => setScopeId(e.target.value)} data-testid="soul-scope">
            {scopes.map((scope) => (
              <option key={scope.id} value={scope.id}>
                {scope.name}
              </option>
            ))}
          </SelectField>
        ) : null}
      </div>
      {message ? (
        <p className={message.ok ? "notice notice--ok" : "notice notice--error"} role={message.ok ? "status" : "alert"} data-testid="soul-message">
          {"text" in message ? message.text : describeError(message.error, t[message.fallback])}
        </p>
      ) : null}
      {layer ? (
        <div className="columns">
          <Card titleId="soul-text-title" title={t.version(layer.currentVersion)}>
            <label className="field">
              <span className="field-label">{t.text}</span>
              <textarea
                className="field-input soul-text"
                rows={18}
                value={text}
                onChange={(e) => setText(e.target.value)}
                readOnly={readOnly}
                data-testid="soul-text"
                data-scope-id={layer.scopeId}
              />
            </label>
            {readOnly ? (
              <p className="muted" data-testid="soul-read-only">
                {t.readOnly}
              </p>
            ) : pending ? (
              <div className="notice notice--warn" role="alert" data-testid="soul-warning">
                <p>{pending.kind === "save" ? t.reaches(layer.affectedAgents) : t.revertReaches(pending.version, layer.affectedAgents)}</p>
                {pending.kind === "revert" && text !== layer.text ? <p>{t.discardsEdits}</p> : null}
                <div className="actions">
                  <button type="button" className="button button--primary" onClick={() => void confirm()} data-testid="soul-confirm">
                    {pending.kind === "save" ? t.confirmSave(layer.affectedAgents) : t.confirmRevert(pending.version, layer.affectedAgents)}
                  </button>
                  <button type="button" className="button" onClick={() => setPending(null)}>
                    {t.cancel}
                  </button>
                </div>
              </div>
            ) : (
              <button type="button" className="button button--primary" disabled={text === layer.text} onClick={() => setPending({ kind: "save" })} data-testid="soul-save">
                {t.save}
              </button>
            )}
          </Card>
          <Card titleId="soul-history-title" title={t.history}>
            {history?.versions.length ? null : <p className="muted">{t.noVersions}</p>}
            <ul className="plain-list" data-testid="soul-history">
              {history?.versions.map((version) => (
                <li key={version.version}>
                  v{version.version} · {version.authorName ?? version.author} · {new Date(version.createdAt).toLocaleString()}{" "}
                  <button type="button" className="button button--small" onClick={() => void showDiff(version.version)}>
                    {t.diff}
                  </button>{" "}
                  {version.version === layer.currentVersion ? (
                    <span className="badge">{t.current}</span>
                  ) : readOnly ? null : (
                    <button
                      type="button"
                      className="button button--small"
                      onClick={() => setPending({ kind: "revert", version: version.version })}
                      aria-label={t.revertLabel(version.version)}
                      data-testid="soul-revert"
                    >
                      {t.revert}
                    </button>
                  )}
                </li>
              ))}
            </ul>
            {diff ? (
              <figure className="diff">
                <figcaption>{t.diffCaption(diff.from, diff.to, diff.additions, diff.deletions)}</figcaption>
                <pre data-testid="soul-diff">
                  {diff.unified.split("\n").map((line, index) => (
                    <span key={index} className={diffLineClass(line)}>
                      {line}
                      {"\n"}
                    </span>
                  ))}
                </pre>
              </figure>
            ) : null}
          </Card>
        </div>
      ) : null}
      {employees.length ? <AgentSoulLayers employees={employees} positions={positions} initialEmployeeId={me.employeeId} revision={revision} onEdit={editLayer} /> : null}
    </main>
  );
}
