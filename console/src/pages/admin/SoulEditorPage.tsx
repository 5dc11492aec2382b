import { useCallback, useEffect, useState } from "react";
import type { Employee, Me, Position, SoulDiff, SoulHistory, SoulLayer, SoulLayerKind } from "@clawgate/contracts";
import { ApiError } from "../../api.ts";
import { getEmployees, getPositions, getSoul, getSoulDiff, getSoulHistory, saveSoul, soulPath } from "../../adminApi.ts";
import { describeError, isAbort } from "../../errors.ts";

const LAYERS: { kind: SoulLayerKind; label: string }[] = [
  { kind: "global", label: "Global (everyone)" },
  { kind: "position", label: "Position" },
  { kind: "personal", label: "Personal" },
];

/** Added and removed lines are coloured; the `---`/`+++` file headers are not changes. */
function diffLineClass(line: string): string | undefined {
  if (line.startsWith("+++") || line.startsWith("---")) return undefined;
  return line.startsWith("+") ? "diff-add" : line.startsWith("-") ? "diff-del" : undefined;
}

function saveFailure(err: unknown): string {
  if (err instanceof ApiError && err.status === 409) {
    const current = err.details["currentVersion"];
    return `Someone saved this layer while you were editing (it is now at version ${typeof current === "number" ? current : "?"}). Copy your text, reload the layer and apply your change again.`;
  }
  return describeError(err, "Could not save.");
}

/** SOUL layers: pick one, edit, see its history and diffs, save with a warning of how many agents it reaches. */
export function SoulEditorPage({ me }: { me: Me }) {
  const [kind, setKind] = useState<SoulLayerKind>(me.role === "admin" ? "global" : "position");
  const [positions, setPositions] = useState<Position[]>([]);
  const [employees, setEmployees] = useState<Employee[]>([]);
  const [scopeId, setScopeId] = useState("*");
  const [layer, setLayer] = useState<SoulLayer | null>(null);
  const [history, setHistory] = useState<SoulHistory | null>(null);
  const [diff, setDiff] = useState<SoulDiff | null>(null);
  const [text, setText] = useState("");
  const [confirming, setConfirming] = useState(false);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);

  useEffect(() => {
    const controller = new AbortController();
    Promise.all([getPositions(controller.signal), getEmployees(controller.signal)])
      .then(([p, e]) => {
        setPositions(p);
        setEmployees(e);
      })
      .catch((err: unknown) => {
        if (!isAbort(err)) setMessage({ ok: false, text: describeError(err, "Could not load positions and employees.") });
      });
    return () => controller.abort();
  }, []);

  // The scope follows the layer: `*` for global, else the first position or employee in view.
  const scopes = kind === "position" ? positions.map((p) => ({ id: p.id, name: p.name })) : kind === "personal" ? employees.map((e) => ({ id: e.id, name: e.name })) : [];
  const effectiveScope = kind === "global" ? "*" : scopes.some((s) => s.id === scopeId) ? scopeId : (scopes[0]?.id ?? "");
  const path = effectiveScope ? soulPath(kind, effectiveScope) : null;

  const load = useCallback(async (target: string, signal?: AbortSignal) => {
    try {
      const [current, versions] = await Promise.all([getSoul(target, signal), getSoulHistory(target, signal)]);
      setLayer(current);
      setHistory(versions);
      setText(current.text);
      setDiff(null);
      setConfirming(false);
    } catch (err) {
      if (!isAbort(err)) setMessage({ ok: false, text: describeError(err, "Could not load this layer.") });
    }
  }, []);

  useEffect(() => {
    setLayer(null);
    if (!path) return;
    const controller = new AbortController();
    void load(path, controller.signal);
    return () => controller.abort();
  }, [path, load]);

  const save = async () => {
    if (!path || !layer) return;
    setMessage(null);
    try {
      const change = await saveSoul(path, text, layer.currentVersion);
      // Reload first, so history and text already show the new version when the confirmation appears.
      await load(path);
      setMessage({ ok: true, text: change.changed ? `Saved version ${change.version}; ${change.affectedAgents} agent(s) use it from their next turn.` : "No change: the text equals the latest version." });
    } catch (err) {
      setConfirming(false);
      setMessage({ ok: false, text: saveFailure(err) });
    }
  };

  const showDiff = async (version: number) => {
    if (!path) return;
    try {
      setDiff(await getSoulDiff(path, version));
    } catch (err) {
      setMessage({ ok: false, text: describeError(err, "Could not load the diff.") });
    }
  };

  return (
    <main className="page page--wide" aria-labelledby="soul-title">
      <h1 id="soul-title" className="page-title">
        SOUL editor
      </h1>
      <div className="toolbar">
        <label className="field">
          <span className="field-label">Layer</span>
          <select className="field-input" value={kind} onChange={(e) => setKind(e.target.value as SoulLayerKind)} data-testid="soul-layer">
            {LAYERS.map((option) => (
              <option key={option.kind} value={option.kind}>
                {option.label}
              </option>
            ))}
          </select>
        </label>
        {kind !== "global" ? (
          <label className="field">
            <span className="field-label">{kind === "position" ? "Position" : "Employee"}</span>
            <select className="field-input" value={effectiveScope} onChange={(e) => setScopeId(e.target.value)} data-testid="soul-scope">
              {scopes.map((scope) => (
                <option key={scope.id} value={scope.id}>
                  {scope.name}
                </option>
              ))}
            </select>
          </label>
        ) : null}
      </div>
      {message ? (
        <p className={message.ok ? "notice notice--ok" : "notice notice--error"} role={message.ok ? "status" : "alert"} data-testid="soul-message">
          {message.text}
        </p>
      ) : null}
      {layer ? (
        <div className="columns">
          <section className="card" aria-labelledby="soul-text-title">
            <h2 id="soul-text-title" className="card-title">
              Version {layer.currentVersion || "— none yet"}
            </h2>
            <label className="field">
              <span className="field-label">SOUL text (Markdown)</span>
              <textarea className="field-input soul-text" rows={18} value={text} onChange={(e) => setText(e.target.value)} data-testid="soul-text" data-scope-id={layer.scopeId} />
            </label>
            {confirming ? (
              <div className="notice notice--warn" role="alert" data-testid="soul-warning">
                <p>
                  This change reaches <strong>{layer.affectedAgents}</strong> agent(s) on their next turn.
                </p>
                <div className="actions">
                  <button type="button" className="button button--primary" onClick={save} data-testid="soul-confirm">
                    Save for {layer.affectedAgents} agent(s)
                  </button>
                  <button type="button" className="button" onClick={() => setConfirming(false)}>
                    Cancel
                  </button>
                </div>
              </div>
            ) : (
              <button type="button" className="button button--primary" disabled={text === layer.text} onClick={() => setConfirming(true)} data-testid="soul-save">
                Save…
              </button>
            )}
          </section>
          <section className="card" aria-labelledby="soul-history-title">
            <h2 id="soul-history-title" className="card-title">
              History
            </h2>
            {history?.versions.length ? null : <p className="muted">No versions yet.</p>}
            <ul className="plain-list" data-testid="soul-history">
              {history?.versions.map((version) => (
                <li key={version.version}>
                  v{version.version} · {version.authorName ?? version.author} · {new Date(version.createdAt).toLocaleString()}{" "}
                  <button type="button" className="button button--small" onClick={() => showDiff(version.version)}>
                    Diff
                  </button>
                </li>
              ))}
            </ul>
            {diff ? (
              <figure className="diff">
                <figcaption>
                  v{diff.from} → v{diff.to}: +{diff.additions} −{diff.deletions}
                </figcaption>
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
          </section>
        </div>
      ) : null}
    </main>
  );
}
