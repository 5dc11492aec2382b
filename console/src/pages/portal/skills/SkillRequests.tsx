import type { SkillRequest } from "@clawgate/contracts";
import { Card } from "../../../components/Card.tsx";
import { EmptyState } from "../../../components/PageNotices.tsx";
import { defineStrings, useStrings } from "../../../i18n/strings.ts";
import { useFormatTime } from "../useFormatTime.ts";

const STRINGS = defineStrings({
  en: {
    title: "My requests",
    empty: "You have not asked for a skill yet. Pick one under “Available to request”.",
    status: (status: SkillRequest["status"]) => ({ pending: "Waiting for a decision", approved: "Approved", rejected: "Rejected" })[status],
    asked: (when: string) => `Asked ${when}`,
    decided: (when: string) => `decided ${when}`,
    why: "Your reason:",
    because: "Reason given:",
  },
  zh: {
    title: "我的申请",
    empty: "你还没有申请过技能。可在“可申请”中选择一个。",
    status: (status: SkillRequest["status"]) => ({ pending: "等待审批", approved: "已批准", rejected: "已拒绝" })[status],
    asked: (when: string) => `申请于 ${when}`,
    decided: (when: string) => `审批于 ${when}`,
    why: "你的理由：",
    because: "拒绝理由：",
  },
});

/** The employee's skill requests, newest first, with the decision and why. */
export function SkillRequests({ requests }: { requests: SkillRequest[] }) {
  const t = useStrings(STRINGS);
  const formatTime = useFormatTime();
  return (
    <Card titleId="my-requests-title" title={t.title}>
      {requests.length === 0 ? <EmptyState testId="skill-requests-empty">{t.empty}</EmptyState> : null}
      <ul className="skill-list" data-testid="skill-requests">
        {requests.map((request) => (
          <li key={request.id} className="skill" data-testid="skill-request" data-status={request.status}>
            <div className="skill-head">
              <h3 className="skill-name">{request.skill}</h3>
              <span className={`skill-status skill-status--${request.status}`}>{t.status(request.status)}</span>
            </div>
            <p className="muted skill-meta">
              {t.asked(formatTime(request.createdAt))}
              {request.decidedAt ? ` · ${t.decided(formatTime(request.decidedAt))}` : ""}
            </p>
            {request.reason ? (
              <p className="skill-text">
                <strong>{t.why}</strong> {request.reason}
              </p>
            ) : null}
            {request.decisionReason ? (
              <p className="skill-text">
                <strong>{t.because}</strong> {request.decisionReason}
              </p>
            ) : null}
          </li>
        ))}
      </ul>
    </Card>
  );
}
