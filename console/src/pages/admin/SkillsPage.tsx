import { useCallback, useState } from "react";
import type { CatalogSkill, Me, Position, SkillRequest, SkillSubmission } from "@clawgate/contracts";
import { getPositions } from "../../adminApi.ts";
import { ApiError } from "../../api.ts";
import { Card } from "../../components/Card.tsx";
import { DataTable } from "../../components/DataTable.tsx";
import { EmptyState, LoadState } from "../../components/PageNotices.tsx";
import { SelectField } from "../../components/Field.tsx";
import { describeError } from "../../errors.ts";
import { getCatalog, getSkillRequests, getSubmissions, setPositionSkills } from "../../governanceApi.ts";
import { defineStrings, useStrings } from "../../i18n/strings.ts";
import type { Act } from "./skills/act.ts";
import { SkillRequestsSection } from "./skills/SkillRequestsSection.tsx";
import { SkillReviewQueue } from "./skills/SkillReviewQueue.tsx";
import { useLoaded } from "./useLoaded.ts";

const STRINGS = defineStrings({
  en: {
    title: "Skills",
    what: "the skills",
    catalog: "Catalog",
    emptyCatalog: "The catalog is empty. Approve a submitted skill in the review queue, or add one through the API.",
    caption: "Skills in the catalog with the roles they admit and the positions that assign them",
    skill: "Skill",
    description: "Description",
    allowedRoles: "Allowed roles",
    blockedRoles: "Blocked roles",
    assignedTo: "Assigned to positions",
    everyone: "everyone",
    nobody: "nobody",
    none: "none",
    removeFrom: (skill: string, position: string) => `Remove ${skill} from ${position}`,
    assignLabel: "Assign a skill to a position",
    chooseSkill: "Choose a skill",
    position: "Position",
    choosePosition: "Choose a position",
    assign: "Assign",
    roleRule: "A skill reaches an agent only if the role rules admit the employee; a blocked role always wins.",
    alreadyHas: (position: string, skill: string) => `${position} already has ${skill}.`,
    assigned: (skill: string, position: string) => `Assigned ${skill} to ${position}.`,
    assignFailed: "Could not assign the skill.",
    removed: (skill: string, position: string) => `Removed ${skill} from ${position}.`,
    removeFailed: "Could not remove the skill.",
  },
  zh: {
    title: "技能",
    what: "技能",
    catalog: "技能目录",
    emptyCatalog: "目录为空。请在审核队列中批准一个已提交的技能，或通过 API 添加。",
    caption: "目录中的技能、允许的角色以及分配到的岗位",
    skill: "技能",
    description: "描述",
    allowedRoles: "允许的角色",
    blockedRoles: "禁止的角色",
    assignedTo: "已分配的岗位",
    everyone: "所有人",
    nobody: "无人",
    none: "无",
    removeFrom: (skill: string, position: string) => `从 ${position} 移除 ${skill}`,
    assignLabel: "将技能分配给岗位",
    chooseSkill: "选择技能",
    position: "岗位",
    choosePosition: "选择岗位",
    assign: "分配",
    roleRule: "只有角色规则允许该员工时，技能才会进入其智能体；禁止的角色始终优先。",
    alreadyHas: (position: string, skill: string) => `${position} 已有 ${skill}。`,
    assigned: (skill: string, position: string) => `已将 ${skill} 分配给 ${position}。`,
    assignFailed: "无法分配该技能。",
    removed: (skill: string, position: string) => `已从 ${position} 移除 ${skill}。`,
    removeFailed: "无法移除该技能。",
  },
});

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

function Roles({ roles, empty, everyone }: { roles: string[]; empty: string; everyone: string }) {
  return roles.length ? <>{roles.map((role) => (role === "*" ? everyone : role)).join(", ")}</> : <span className="muted">{empty}</span>;
}

/** The skill catalog with its role rules, position assignments, the request queue and (admins) the review queue. */
export function SkillsPage({ me }: { me: Me }) {
  const t = useStrings(STRINGS);
  const isAdmin = me.role === "admin";
  const { data, error, reload } = useLoaded(isAdmin ? loadAdmin : loadManager, t.what);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const [assignSkill, setAssignSkill] = useState("");
  const [assignPosition, setAssignPosition] = useState("");

  const act: Act = useCallback(
    async (run, done, failed) => {
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
      setMessage({ ok: false, text: t.alreadyHas(position.name, assignSkill) });
      return;
    }
    void act(() => setPositionSkills(position.id, [...position.defaultSkills, assignSkill]), t.assigned(assignSkill, position.name), t.assignFailed);
  };
  const unassign = (position: Position, skill: string) =>
    act(() => setPositionSkills(position.id, position.defaultSkills.filter((s) => s !== skill)), t.removed(skill, position.name), t.removeFailed);

  return (
    <main className="page page--wide" aria-labelledby="skills-title">
      <h1 id="skills-title" className="page-title">
        {t.title}
      </h1>
      <LoadState error={error} loading={!data} />
      {message ? (
        <p className={`notice ${message.ok ? "notice--ok" : "notice--error"}`} role={message.ok ? "status" : "alert"} data-testid="skills-message">
          {message.text}
        </p>
      ) : null}
      {data ? (
        <>
          <Card titleId="catalog-title" title={t.catalog}>
            {data.skills.length === 0 ? (
              <EmptyState>{t.emptyCatalog}</EmptyState>
            ) : (
              <DataTable caption={t.caption} columns={[t.skill, t.description, t.allowedRoles, t.blockedRoles, t.assignedTo]} testId="skills-catalog">
                {data.skills.map((skill) => (
                  <tr key={skill.name} data-testid="skill-row" data-skill={skill.name}>
                    <th scope="row">
                      {skill.name} <span className="muted">{skill.version}</span>
                    </th>
                    <td>{skill.description}</td>
                    <td>
                      <Roles roles={skill.allowedRoles} empty={t.nobody} everyone={t.everyone} />
                    </td>
                    <td>
                      <Roles roles={skill.blockedRoles} empty={t.none} everyone={t.everyone} />
                    </td>
                    <td>
                      {positionsWith(skill.name).length === 0 ? <span className="muted">{t.none}</span> : null}
                      {positionsWith(skill.name).map((position) => (
                        <span key={position.id} className="badge">
                          {position.name}{" "}
                          <button type="button" className="button button--small" onClick={() => void unassign(position, skill.name)} aria-label={t.removeFrom(skill.name, position.name)}>
                            ×
                          </button>
                        </span>
                      ))}
                    </td>
                  </tr>
                ))}
              </DataTable>
            )}
            {data.skills.length && data.positions.length ? (
              <form
                className="toolbar"
                aria-label={t.assignLabel}
                onSubmit={(event) => {
                  event.preventDefault();
                  assign();
                }}
              >
                <SelectField id="assign-skill" label={t.skill} value={assignSkill} onChange={(e) => setAssignSkill(e.target.value)} required data-testid="assign-skill">
                  <option value="">{t.chooseSkill}</option>
                  {data.skills.map((skill) => (
                    <option key={skill.name} value={skill.name}>
                      {skill.name}
                    </option>
                  ))}
                </SelectField>
                <SelectField id="assign-position" label={t.position} value={assignPosition} onChange={(e) => setAssignPosition(e.target.value)} required data-testid="assign-position">
                  <option value="">{t.choosePosition}</option>
                  {data.positions.map((position) => (
                    <option key={position.id} value={position.id}>
                      {position.name}
                    </option>
                  ))}
                </SelectField>
                <button type="submit" className="button button--primary" data-testid="assign-submit">
                  {t.assign}
                </button>
              </form>
            ) : null}
            <p className="field-hint">{t.roleRule}</p>
          </Card>

          <SkillRequestsSection requests={data.requests} act={act} />
          {data.submissions ? <SkillReviewQueue submissions={data.submissions} act={act} /> : null}
        </>
      ) : null}
    </main>
  );
}
