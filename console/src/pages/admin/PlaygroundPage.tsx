import { useEffect, useState } from "react";
import type { Employee, PlaygroundPipeline } from "@clawgate/contracts";
import { getEmployees, getPipeline, playgroundChatPath } from "../../adminApi.ts";
import { describeError, isAbort } from "../../errors.ts";
import { ChatPage } from "../ChatPage.tsx";

function Pipeline({ pipeline }: { pipeline: PlaygroundPipeline }) {
  return (
    <dl className="pipeline" data-testid="playground-pipeline">
      <dt>SOUL layers</dt>
      <dd>{pipeline.soul.map((layer) => `${layer.file} ${layer.scope} v${layer.version}`).join(" · ") || "none"}</dd>
      <dt>Allowed tools</dt>
      <dd>{pipeline.tools.allowed.join(", ") || "none"}</dd>
      <dt>Denied tools</dt>
      <dd>{pipeline.tools.denied.map((d) => `${d.tool} (needs ${d.capability})`).join(", ") || "none"}</dd>
      <dt>Knowledge</dt>
      <dd>{pipeline.knowledge.map((kb) => `${kb.name} (${kb.documents.length} docs)`).join(", ") || "none"}</dd>
      <dt>Skills</dt>
      <dd>{pipeline.skills.map((skill) => skill.name).join(", ") || "none"}</dd>
      <dt>Model</dt>
      <dd>{JSON.stringify(pipeline.model)}</dd>
      <dt>Runtime</dt>
      <dd>{pipeline.route ? JSON.stringify(pipeline.route) : "no runtime configured"}</dd>
    </dl>
  );
}

/** Talk to an employee's agent as it is configured, and see what shapes it. Turns are audited with the operator. */
export function PlaygroundPage({ onSignedOut }: { onSignedOut: () => void }) {
  const [employees, setEmployees] = useState<Employee[]>([]);
  const [employeeId, setEmployeeId] = useState("");
  const [pipeline, setPipeline] = useState<PlaygroundPipeline | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    const controller = new AbortController();
    getEmployees(controller.signal)
      .then((list) => {
        setEmployees(list);
        setEmployeeId((current) => current || (list[0]?.id ?? ""));
      })
      .catch((err: unknown) => {
        if (!isAbort(err)) setError(describeError(err, "Could not load employees."));
      });
    return () => controller.abort();
  }, []);

  useEffect(() => {
    setPipeline(null);
    if (!employeeId) return;
    const controller = new AbortController();
    getPipeline(employeeId, controller.signal)
      .then(setPipeline)
      .catch((err: unknown) => {
        if (!isAbort(err)) setError(describeError(err, "Could not load the pipeline."));
      });
    return () => controller.abort();
  }, [employeeId]);

  return (
    <main className="page page--wide playground" aria-labelledby="playground-title">
      <h1 id="playground-title" className="page-title">
        Playground
      </h1>
      <label className="field">
        <span className="field-label">Employee</span>
        <select className="field-input" value={employeeId} onChange={(e) => setEmployeeId(e.target.value)} data-testid="playground-employee">
          {employees.map((employee) => (
            <option key={employee.id} value={employee.id}>
              {employee.name} ({employee.id})
            </option>
          ))}
        </select>
      </label>
      {error ? (
        <p className="notice notice--error" role="alert">
          {error}
        </p>
      ) : null}
      <div className="columns">
        <section className="card" aria-labelledby="pipeline-title">
          <h2 id="pipeline-title" className="card-title">
            Pipeline
          </h2>
          {pipeline ? <Pipeline pipeline={pipeline} /> : <p className="muted">Loading…</p>}
        </section>
        <section className="card playground-chat" aria-label="Playground chat">
          {employeeId ? <ChatPage
              key={employeeId}
              onSignedOut={onSignedOut}
              chatPath={playgroundChatPath(employeeId)}
              loadHistory={false}
              emptyText="Talk to this employee's agent as it is configured now. Your turns are audited under your name and kept apart from the employee's own chat."
            /> : null}
        </section>
      </div>
    </main>
  );
}
