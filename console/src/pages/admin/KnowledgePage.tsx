import { useState, type FormEvent } from "react";
import { KB_DOCUMENT_MAX_BYTES, type Employee, type KbAssignmentScope, type KnowledgeBase, type Position } from "@clawgate/contracts";
import { getEmployees, getPositions } from "../../adminApi.ts";
import { describeError } from "../../errors.ts";
import { assignKb, deleteKbDocument, getKnowledgeBases, unassignKb, uploadKbDocument } from "../../governanceApi.ts";
import { useLoaded } from "./useLoaded.ts";

interface KnowledgeData {
  bases: KnowledgeBase[];
  positions: Position[];
  employees: Employee[];
}

const load = async (signal: AbortSignal): Promise<KnowledgeData> => {
  const [bases, positions, employees] = await Promise.all([getKnowledgeBases(signal), getPositions(signal), getEmployees(signal)]);
  return { bases, positions, employees };
};

/** A file name the server accepts (`leave-policy.md`), derived from what the user picked. */
function documentNameFor(picked: string): string {
  const base = picked.replace(/\.[^.]*$/, "").replace(/[^A-Za-z0-9._-]+/g, "-").replace(/^[^A-Za-z0-9]+/, "").slice(0, 96);
  return `${base || "document"}.md`;
}

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

/** Knowledge bases the caller holds: their documents, uploading markdown, and who each base reaches. */
export function KnowledgePage() {
  const { data, error, reload } = useLoaded(load, "the knowledge bases");
  const [selectedId, setSelectedId] = useState("");
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const [file, setFile] = useState<File | null>(null);
  const [fileName, setFileName] = useState("");
  const [scope, setScope] = useState<KbAssignmentScope>("position");
  const [targetId, setTargetId] = useState("");

  const selected = data?.bases.find((base) => base.id === selectedId) ?? data?.bases[0] ?? null;

  const act = async (run: () => Promise<unknown>, done: string, failed: string) => {
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

  const upload = async (event: FormEvent) => {
    event.preventDefault();
    if (!selected || !file) return;
    // The server enforces the limit (413); the file goes up regardless so its message is the one shown.
    if (await act(() => uploadKbDocument(selected.id, fileName, file), `Uploaded ${fileName} to ${selected.name}.`, "Could not upload the document.")) {
      setFile(null);
      setFileName("");
      (event.target as HTMLFormElement).reset();
    }
  };

  const assign = (event: FormEvent) => {
    event.preventDefault();
    if (!selected) return;
    void act(() => assignKb(selected.id, scope, targetId), `Assigned ${selected.name}.`, "Could not assign the knowledge base.");
  };

  const targets = scope === "position" ? (data?.positions ?? []) : scope === "employee" ? (data?.employees ?? []) : [];

  return (
    <main className="page page--wide" aria-labelledby="knowledge-title">
      <h1 id="knowledge-title" className="page-title">
        Knowledge
      </h1>
      {error ? (
        <p className="notice notice--error" role="alert">
          {error}
        </p>
      ) : null}
      {message ? (
        <p className={`notice ${message.ok ? "notice--ok" : "notice--error"}`} role={message.ok ? "status" : "alert"} data-testid="knowledge-message">
          {message.text}
        </p>
      ) : null}
      {!data && !error ? <p className="muted">Loading…</p> : null}
      {data && data.bases.length === 0 ? <p className="muted">No knowledge bases you hold yet. An admin creates one and assigns it to your position.</p> : null}
      {data && selected ? (
        <>
          <label className="field">
            <span className="field-label">Knowledge base</span>
            <select className="field-input" value={selected.id} onChange={(e) => setSelectedId(e.target.value)} data-testid="kb-select">
              {data.bases.map((base) => (
                <option key={base.id} value={base.id}>
                  {base.name}
                </option>
              ))}
            </select>
          </label>
          {selected.description ? <p className="muted">{selected.description}</p> : null}

          <section className="card" aria-labelledby="kb-documents-title">
            <h2 id="kb-documents-title" className="card-title">
              Documents in {selected.name}
            </h2>
            {selected.documents.length === 0 ? (
              <p className="muted">No documents yet — upload a markdown file below.</p>
            ) : (
              <table className="table" data-testid="kb-documents">
                <caption className="visually-hidden">Documents in {selected.name}</caption>
                <thead>
                  <tr>
                    <th scope="col">Title</th>
                    <th scope="col">File</th>
                    <th scope="col">Size</th>
                    <th scope="col">Updated</th>
                    <th scope="col">
                      <span className="visually-hidden">Actions</span>
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {selected.documents.map((doc) => (
                    <tr key={doc.file}>
                      <th scope="row">{doc.title}</th>
                      <td>{doc.file}</td>
                      <td>{kb(doc.size)}</td>
                      <td>
                        {new Date(doc.updatedAt).toLocaleString()}
                        {doc.uploadedBy ? ` by ${doc.uploadedBy}` : ""}
                      </td>
                      <td>
                        {selected.generated ? null : (
                          <button
                            type="button"
                            className="button button--small button--danger"
                            aria-label={`Delete ${doc.file}`}
                            onClick={() => {
                              if (window.confirm(`Delete ${doc.file}?`)) void act(() => deleteKbDocument(selected.id, doc.file), `Deleted ${doc.file}.`, "Could not delete the document.");
                            }}
                          >
                            Delete
                          </button>
                        )}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
            {selected.generated ? (
              <p className="field-hint">This knowledge base is generated by ClawGate; its documents cannot be edited here.</p>
            ) : (
              <form className="toolbar" onSubmit={(e) => void upload(e)} aria-label={`Upload a document to ${selected.name}`}>
                <label className="field">
                  <span className="field-label">Markdown file (at most {KB_DOCUMENT_MAX_BYTES / 1024 / 1024} MB)</span>
                  <input
                    className="field-input"
                    type="file"
                    accept=".md,text/markdown,text/plain"
                    required
                    data-testid="kb-upload-file"
                    onChange={(e) => {
                      const picked = e.target.files?.[0] ?? null;
                      setFile(picked);
                      setFileName(picked ? documentNameFor(picked.name) : "");
                    }}
                  />
                </label>
                <label className="field">
                  <span className="field-label">Stored as</span>
                  <input className="field-input" value={fileName} onChange={(e) => setFileName(e.target.value)} required pattern="[A-Za-z0-9][A-Za-z0-9._\-]*\.md" data-testid="kb-upload-name" />
                </label>
                <button type="submit" className="button button--primary" disabled={!file} data-testid="kb-upload-submit">
                  Upload
                </button>
              </form>
            )}
          </section>

          <section className="card" aria-labelledby="kb-assignments-title">
            <h2 id="kb-assignments-title" className="card-title">
              Who {selected.name} reaches
            </h2>
            {selected.assignments.length === 0 ? (
              <p className="muted">Assigned to nobody yet: no agent reads it until you assign it below.</p>
            ) : (
              <ul className="plain-list" data-testid="kb-assignments">
                {selected.assignments.map((a) => (
                  <li key={`${a.scope}:${a.targetId}`}>
                    {a.scope === "everyone" ? "Everyone" : `${a.scope === "position" ? "Position" : "Employee"}: ${a.targetName ?? a.targetId}`}{" "}
                    <button
                      type="button"
                      className="button button--small"
                      aria-label={`Remove the assignment to ${a.targetName ?? a.targetId}`}
                      onClick={() => void act(() => unassignKb(selected.id, a.scope, a.targetId), "Assignment removed.", "Could not remove the assignment.")}
                    >
                      Remove
                    </button>
                  </li>
                ))}
              </ul>
            )}
            <form className="toolbar" onSubmit={assign} aria-label={`Assign ${selected.name}`}>
              <label className="field">
                <span className="field-label">Assign to</span>
                <select
                  className="field-input"
                  value={scope}
                  onChange={(e) => {
                    setScope(e.target.value as KbAssignmentScope);
                    setTargetId("");
                  }}
                >
                  <option value="position">A position</option>
                  <option value="employee">An employee</option>
                  <option value="everyone">Everyone</option>
                </select>
              </label>
              {scope !== "everyone" ? (
                <label className="field">
                  <span className="field-label">{scope === "position" ? "Position" : "Employee"}</span>
                  <select className="field-input" value={targetId} onChange={(e) => setTargetId(e.target.value)} required>
                    <option value="">Choose…</option>
                    {targets.map((t) => (
                      <option key={t.id} value={t.id}>
                        {t.name}
                      </option>
                    ))}
                  </select>
                </label>
              ) : null}
              <button type="submit" className="button button--primary">
                Assign
              </button>
            </form>
          </section>
        </>
      ) : null}
    </main>
  );
}
