import { useState, type ReactNode } from "react";
import type { PortalSkill, SkillRequest } from "@clawgate/contracts";
import { Card } from "../../components/Card.tsx";
import { EmptyState, LoadState, Outcome } from "../../components/PageNotices.tsx";
import { defineStrings, useStrings } from "../../i18n/strings.ts";
import { getMySkillRequests, getMySkills } from "../../portalApi.ts";
import { useLoaded } from "../admin/useLoaded.ts";
import { RequestSkillForm } from "./skills/RequestSkillForm.tsx";
import { SkillRequests } from "./skills/SkillRequests.tsx";
import "./MySkillsPage.css";

const STRINGS = defineStrings({
  en: {
    // What could not be loaded, in the sentence useLoaded words.
    what: "your skills",
    title: "My Skills",
    intro: "Skills are tools your agent can use. Your position decides most of them; ask for another one and your manager or an admin decides.",
    mine: "In your workspace",
    mineEmpty: "Your agent has no skills yet. Request one below.",
    requestable: "Available to request",
    requestableEmpty: "Nothing more to request: every skill your role may use is already yours or asked for.",
    notAllowed: (n: number) => `${n} more ${n === 1 ? "skill is" : "skills are"} not allowed for your role`,
    status: (status: PortalSkill["status"]) =>
      ({ position: "From your position", installed: "Installed for you", requested: "Requested", available: "Available", not_allowed: "Not allowed for your role" })[status],
    uses: "Uses:",
    request: "Request…",
    sent: (skill: string) => `Asked for ${skill}. You will see the decision under “My requests”.`,
  },
  zh: {
    what: "你的技能",
    title: "我的技能",
    intro: "技能是智能体可以使用的工具，大多由你的岗位决定；如需其他技能可以申请，由经理或管理员审批。",
    mine: "工作区中的技能",
    mineEmpty: "智能体还没有技能，可在下方申请。",
    requestable: "可申请",
    requestableEmpty: "没有可申请的技能：你的角色可用的技能都已拥有或已申请。",
    notAllowed: (n: number) => `另有 ${n} 个技能不对你的角色开放`,
    status: (status: PortalSkill["status"]) =>
      ({ position: "岗位默认", installed: "已为你安装", requested: "已申请", available: "可申请", not_allowed: "你的角色不可用" })[status],
    uses: "使用：",
    request: "申请…",
    sent: (skill: string) => `已申请 ${skill}，审批结果见“我的申请”。`,
  },
});

interface MySkillsData {
  skills: PortalSkill[];
  requests: SkillRequest[];
}

const loadMySkills = async (signal: AbortSignal): Promise<MySkillsData> => {
  const [skills, requests] = await Promise.all([getMySkills(signal), getMySkillRequests(signal)]);
  return { skills, requests };
};

function SkillCard({ skill, children }: { skill: PortalSkill; children?: ReactNode }) {
  const t = useStrings(STRINGS);
  return (
    <li className="skill" data-testid="my-skill" data-skill={skill.name} data-status={skill.status}>
      <div className="skill-head">
        <h3 className="skill-name">
          {skill.name} <span className="muted skill-version">{skill.version}</span>
        </h3>
        <span className={`skill-status skill-status--${skill.status}`}>{t.status(skill.status)}</span>
      </div>
      <p className="skill-text">{skill.description}</p>
      {skill.permissions.length ? (
        <p className="muted skill-meta">
          {t.uses} {skill.permissions.map((permission) => <code key={permission} className="skill-permission">{permission}</code>)}
        </p>
      ) : null}
      {children}
    </li>
  );
}

/** The employee's skills: what their agent has, what they may ask for, and their requests. */
export function MySkillsPage() {
  const t = useStrings(STRINGS);
  const { data, error, reload } = useLoaded(loadMySkills, t.what);
  const [asking, setAsking] = useState<string | null>(null);
  const [outcome, setOutcome] = useState<{ ok: boolean; text: string } | null>(null);

  const mine = data?.skills.filter((s) => s.status === "position" || s.status === "installed") ?? [];
  const requestable = data?.skills.filter((s) => s.status === "available" || s.status === "requested") ?? [];
  const notAllowed = data?.skills.filter((s) => s.status === "not_allowed") ?? [];

  return (
    <main className="page" aria-labelledby="my-skills-title">
      <h1 id="my-skills-title" className="page-title">
        {t.title}
      </h1>
      <p className="muted">{t.intro}</p>
      <Outcome outcome={outcome} />
      <LoadState error={error} loading={!data && !error} />
      {data ? (
        <>
          <Card titleId="my-skills-mine" title={t.mine}>
            {mine.length === 0 ? <EmptyState testId="my-skills-empty">{t.mineEmpty}</EmptyState> : null}
            <ul className="skill-list">
              {mine.map((skill) => (
                <SkillCard key={skill.name} skill={skill} />
              ))}
            </ul>
          </Card>

          <Card titleId="my-skills-requestable" title={t.requestable}>
            {requestable.length === 0 ? <EmptyState testId="requestable-empty">{t.requestableEmpty}</EmptyState> : null}
            <ul className="skill-list">
              {requestable.map((skill) => (
                <SkillCard key={skill.name} skill={skill}>
                  {skill.status !== "available" ? null : asking === skill.name ? (
                    <RequestSkillForm
                      skill={skill.name}
                      onCancel={() => setAsking(null)}
                      onSent={() => {
                        setAsking(null);
                        setOutcome({ ok: true, text: t.sent(skill.name) });
                        reload();
                      }}
                    />
                  ) : (
                    <button
                      type="button"
                      className="button"
                      onClick={() => {
                        setOutcome(null);
                        setAsking(skill.name);
                      }}
                      data-testid="skill-request-open"
                    >
                      {t.request}
                    </button>
                  )}
                </SkillCard>
              ))}
            </ul>
            {notAllowed.length ? (
              <details className="skills-not-allowed">
                <summary>{t.notAllowed(notAllowed.length)}</summary>
                <ul className="skill-list">
                  {notAllowed.map((skill) => (
                    <SkillCard key={skill.name} skill={skill} />
                  ))}
                </ul>
              </details>
            ) : null}
          </Card>

          <SkillRequests requests={data.requests} />
        </>
      ) : null}
    </main>
  );
}
