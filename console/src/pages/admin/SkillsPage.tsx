import { useCallback, useState } from "react";
import type { CatalogSkill, Me, Position, SkillRequest, SkillSubmission } from "@clawgate/contracts";
import { getPositions } from "../../adminApi.ts";
import { ApiError } from "../../api.ts";
import { describeError } from "../../errors.ts";
import {
  approveSkillRequest,
  approveSubmission,
  getCatalog,
  getSkillRequests,
  getSubmissions,
  rejectSkillRequest,
  rejectSubmission,
  setPositionSkills,
} from "../../governanceApi.ts";
import { useLoaded } from "./useLoaded.ts";

interface SkillsData {
  skills: CatalogSkill[];
  positions: Position[];
  requests: SkillRequest[];
  /** Null for managers: the review queue is the admins'. */
  submissions: SkillSubmission[] | null;
}

const loadFor = (isAdmin: boolean) => async (signal: AbortSignal): Promise<SkillsData> => {
  const [skills, positions, requests, submissions] = await Promise.all([
    getCatalog(signal),
    getPositions(signal),
    getSkillRequests(signal),
    isAdmin ? getSubmissions(signal) : Promise.resolve(null),
  ]);
  return { skills, positions, requests, submissions };
};
const loadAdmin = loadFor(true);
const loadManager = loadFor(false);

/** What an automatic-check refusal (422 skill_rejected) says, check by check. */
function explainFailure(err: unknown, fallback: string): string {
  if (err instanceof ApiError && Array.isArray(err.details["failures"])) {
    const failures = err.details["failures"] as { check: string; message: string }[];
    return `${err.message} ${failures.map((f) => `[${f.check}] ${f.message}`).join(" ")}`;
  }
  return describeError(err, fallback);
}

function Roles({ roles, empty }: { roles: string[]; empty: string }) {
  return roles.length ? <>{roles.map((role) => (role === "*" ? "everyone" : role)).join(", ")}</> : <span className="muted">{empty}</span>;
}

/** A reject button that first asks for the reason the requester will see. */
function RejectWithReason({ label, onReject }: { label: string; onReject: (reason: string) => Promise<void> }) {
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState("");
  if (!open) {
    return (
      <button type="button" className="button button--small" onClick={() => setOpen(true)}>
        Reject…
      </button>
    );
  }
  return (
    <form
      className="toolbar"
      onSubmit={(event) => {
        event.preventDefault();
        void onReject(reason).then(() => setOpen(false));
      }}
    >
      <label className="field">
        <span className="field-label">Reason for {label}</span>
        <input className="field-input" value={reason} onChange={(e) => setReason(e.target.value)} required maxLength={500} autoFocus />
      </label>
      <button type="submit" className="button button--small button--danger">
        Reject
      </button>
      <button type="button" className="button button--small" onClick={() => setOpen(false)}>
        Cancel
      </button>
    </form>
  );
}

/** The skill catalog with its role rules, position assignments, the request queue and (admins) the review queue. */
export function SkillsPage({ me }: { me: Me }) {
  const isAdmin = me.role === "admin";
  const { data, error, reload } = useLoaded(isAdmin ? loadAdmin : loadManager, "the skills");
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const [assignSkill, setAssignSkill] = useState("");
  const [assignPosition, setAssignPosition] = useState("");

  const act = useCallback(
    async (run: () => Promise<unknown>, done: string, failed: string) => {
      setMessage(null);
      try {
        await run();
        setMessage({ ok: true, text: done });
        reload();
      } catch (err) {
        setMessage({ ok: false, text: explainFailure(err, failed) });
      }
    },
    [reload],
  );

  const positionsWith = (skill: string) => data?.positions.filter((p) => p.defaultSkills.includes(skill)) ?? [];
  const assign = () => {
    const position = data?.positions.find((p) => p.id === assignPosition);
    if (!position || !assignSkill) return;
    if (position.defaultSkills.includes(assignSkill)) {
      setMessage({ ok: false, text: `${position.name} already has ${assignSkill}.` });
      return;
    }
    void act(() => setPositionSkills(position.id, [...position.defaultSkills, assignSkill]), `Assigned ${assignSkill} to ${position.name}.`, "Could not assign the skill.");
  };
  const unassign = (position: Position, skill: string) =>
    act(() => setPositionSkills(position.id, position.defaultSkills.filter((s) => s !== skill)), `Removed ${skill} from ${position.name}.`, "Could not remove the skill.");

  return (
    <main className="page page--wide" aria-labelledby="skills-title">
      <h1 id="skills-title" className="page-title">
        Skills
      </h1>
      {error ? (
        <p className="notice notice--error" role="alert">
          {error}
        </p>
      ) : null}
      {message ? (
        <p className={`notice ${message.ok ? "notice--ok" : "notice--error"}`} role={message.ok ? "status" : "alert"} data-testid="skills-message">
          {message.text}
        </p>
      ) : null}
      {!data && !error ? <p className="muted">Loading…</p> : null}
      {data ? (
        <>
          <section className="card" aria-labelledby="catalog-title">
            <h2 id="catalog-title" className="card-title">
              Catalog
            </h2>
            {data.skills.length === 0 ? (
              <p className="muted">The catalog is empty. Approve a submitted skill in the review queue, or add one through the API.</p>
            ) : (
              <table className="table" data-testid="skills-catalog">
                <caption className="visually-hidden">Skills in the catalog with the roles they admit and the positions that assign them</caption>
                <thead>
                  <tr>
                    <th scope="col">Skill</th>
                    <th scope="col">Description</th>
                    <th scope="col">Allowed roles</th>
                    <th scope="col">Blocked roles</th>
                    <th scope="col">Assigned to positions</th>
                  </tr>
                </thead>
                <tbody>
                  {data.skills.map((skill) => (
                    <tr key={skill.name} data-testid="skill-row" data-skill={skill.name}>
                      <th scope="row">
                        {skill.name} <span className="muted">{skill.version}</span>
                      </th>
                      <td>{skill.description}</td>
                      <td>
                        <Roles roles={skill.allowedRoles} empty="nobody" />
                      </td>
                      <td>
                        <Roles roles={skill.blockedRoles} empty="none" />
                      </td>
                      <td>
                        {positionsWith(skill.name).length === 0 ? <span className="muted">none</span> : null}
                        {positionsWith(skill.name).map((position) => (
                          <span key={position.id} className="badge">
                            {position.name}{" "}
                            <button type="button" className="button button--small" onClick={() => void unassign(position, skill.name)} aria-label={`Remove ${skill.name} from ${position.name}`}>
                              ×
                            </button>
                          </span>
                        ))}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
            {data.skills.length && data.positions.length ? (
              <form
                className="toolbar"
                aria-label="Assign a skill to a position"
                onSubmit={(event) => {
                  event.preventDefault();
                  assign();
                }}
              >
                <label className="field">
                  <span className="field-label">Skill</span>
                  <select className="field-input" value={assignSkill} onChange={(e) => setAssignSkill(e.target.value)} required data-testid="assign-skill">
                    <option value="">Choose a skill</option>
                    {data.skills.map((skill) => (
                      <option key={skill.name} value={skill.name}>
                        {skill.name}
                      </option>
                    ))}
                  </select>
                </label>
                <label className="field">
                  <span className="field-label">Position</span>
                  <select className="field-input" value={assignPosition} onChange={(e) => setAssignPosition(e.target.value)} required data-testid="assign-position">
                    <option value="">Choose a position</option>
                    {data.positions.map((position) => (
                      <option key={position.id} value={position.id}>
                        {position.name}
                      </option>
                    ))}
                  </select>
                </label>
                <button type="submit" className="button button--primary" data-testid="assign-submit">
                  Assign
                </button>
              </form>
            ) : null}
            <p className="field-hint">A skill reaches an agent only if the role rules admit the employee; a blocked role always wins.</p>
          </section>

          <section className="card" aria-labelledby="requests-title">
            <h2 id="requests-title" className="card-title">
              Requests waiting for a decision
            </h2>
            {data.requests.length === 0 ? (
              <p className="muted">No pending requests. Employees request skills from their portal; they show up here.</p>
            ) : (
              <table className="table" data-testid="skill-requests">
                <caption className="visually-hidden">Pending skill requests</caption>
                <thead>
                  <tr>
                    <th scope="col">Employee</th>
                    <th scope="col">Skill</th>
                    <th scope="col">Reason</th>
                    <th scope="col">Requested</th>
                    <th scope="col">Decision</th>
                  </tr>
                </thead>
                <tbody>
                  {data.requests.map((req) => (
                    <tr key={req.id}>
                      <td>{req.employeeId}</td>
                      <td>{req.skill}</td>
                      <td>{req.reason || <span className="muted">none given</span>}</td>
                      <td>{new Date(req.createdAt).toLocaleString()}</td>
                      <td className="actions">
                        <button
                          type="button"
                          className="button button--small button--primary"
                          onClick={() => void act(() => approveSkillRequest(req.id), `Approved ${req.skill} for ${req.employeeId}.`, "Could not approve the request.")}
                        >
                          Approve
                        </button>
                        <RejectWithReason
                          label={`${req.employeeId}'s request`}
                          onReject={(reason) => act(() => rejectSkillRequest(req.id, reason), `Rejected ${req.skill} for ${req.employeeId}.`, "Could not reject the request.")}
                        />
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </section>

          {data.submissions ? (
            <section className="card" aria-labelledby="review-title">
              <h2 id="review-title" className="card-title">
                Review queue
              </h2>
              {data.submissions.length === 0 ? (
                <p className="muted">No submitted skills waiting for review.</p>
              ) : (
                <table className="table" data-testid="skill-submissions">
                  <caption className="visually-hidden">Submitted skill packages and their automatic checks</caption>
                  <thead>
                    <tr>
                      <th scope="col">Skill</th>
                      <th scope="col">Submitted by</th>
                      <th scope="col">Automatic checks</th>
                      <th scope="col">Decision</th>
                    </tr>
                  </thead>
                  <tbody>
                    {data.submissions.map((sub) => (
                      <tr key={sub.id}>
                        <th scope="row">
                          {sub.name} <span className="muted">{sub.version}</span>
                          <div className="muted">{sub.manifest.description}</div>
                        </th>
                        <td>{sub.submittedBy}</td>
                        <td>
                          Passed on submission: size {sub.size} bytes, frontmatter, no install steps; permissions{" "}
                          {sub.manifest.permissions.length ? sub.manifest.permissions.join(", ") : "none"}; secrets{" "}
                          {sub.manifest.requiredSecrets.length ? sub.manifest.requiredSecrets.join(", ") : "none"}. Approving runs them again.
                        </td>
                        <td className="actions">
                          <button
                            type="button"
                            className="button button--small button--primary"
                            onClick={() => void act(() => approveSubmission(sub.id), `${sub.name} is in the catalog; assign it to a position to use it.`, "Could not approve the submission.")}
                          >
                            Approve
                          </button>
                          <RejectWithReason
                            label={sub.name}
                            onReject={(reason) => act(() => rejectSubmission(sub.id, reason), `Rejected ${sub.name}.`, "Could not reject the submission.")}
                          />
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              )}
            </section>
          ) : null}
        </>
      ) : null}
    </main>
  );
}
