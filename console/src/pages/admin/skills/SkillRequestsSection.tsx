import type { SkillRequest } from "@clawgate/contracts";
import { Card } from "../../../components/Card.tsx";
import { DataTable } from "../../../components/DataTable.tsx";
import { EmptyState } from "../../../components/PageNotices.tsx";
import { approveSkillRequest, rejectSkillRequest } from "../../../governanceApi.ts";
import { useLanguage } from "../../../i18n/language.tsx";
import { defineStrings, useStrings } from "../../../i18n/strings.ts";
import type { Act } from "./act.ts";
import { RejectWithReason } from "./RejectWithReason.tsx";

const STRINGS = defineStrings({
  en: {
    title: "Requests waiting for a decision",
    empty: "No pending requests. Employees request skills from their portal; they show up here.",
    caption: "Pending skill requests",
    employee: "Employee",
    skill: "Skill",
    reason: "Reason",
    requested: "Requested",
    decision: "Decision",
    noneGiven: "none given",
    approve: "Approve",
    approved: (skill: string, employee: string) => `Approved ${skill} for ${employee}.`,
    approveFailed: "Could not approve the request.",
    requestOf: (employee: string) => `${employee}'s request`,
    rejected: (skill: string, employee: string) => `Rejected ${skill} for ${employee}.`,
    rejectFailed: "Could not reject the request.",
  },
  zh: {
    title: "待决定的申请",
    empty: "没有待处理的申请。员工在门户中申请技能后会显示在这里。",
    caption: "待处理的技能申请",
    employee: "员工",
    skill: "技能",
    reason: "理由",
    requested: "申请时间",
    decision: "决定",
    noneGiven: "未填写",
    approve: "批准",
    approved: (skill: string, employee: string) => `已为 ${employee} 批准 ${skill}。`,
    approveFailed: "无法批准该申请。",
    requestOf: (employee: string) => `${employee} 的申请`,
    rejected: (skill: string, employee: string) => `已拒绝 ${employee} 的 ${skill} 申请。`,
    rejectFailed: "无法拒绝该申请。",
  },
});

/** Employees' skill requests in the caller's scope, each approved or rejected with a reason. */
export function SkillRequestsSection({ requests, act }: { requests: SkillRequest[]; act: Act }) {
  const t = useStrings(STRINGS);
  const locale = useLanguage().language === "zh" ? "zh-CN" : "en";
  return (
    <Card titleId="requests-title" title={t.title}>
      {requests.length === 0 ? (
        <EmptyState>{t.empty}</EmptyState>
      ) : (
        <DataTable caption={t.caption} columns={[t.employee, t.skill, t.reason, t.requested, t.decision]} testId="skill-requests">
          {requests.map((req) => (
            <tr key={req.id}>
              <td>{req.employeeId}</td>
              <td>{req.skill}</td>
              <td>{req.reason || <span className="muted">{t.noneGiven}</span>}</td>
              <td>{new Date(req.createdAt).toLocaleString(locale)}</td>
              <td className="actions">
                <button
                  type="button"
                  className="button button--small button--primary"
                  onClick={() => void act(() => approveSkillRequest(req.id), t.approved(req.skill, req.employeeId), t.approveFailed)}
                >
                  {t.approve}
                </button>
                <RejectWithReason
                  label={t.requestOf(req.employeeId)}
                  onReject={(reason) => act(() => rejectSkillRequest(req.id, reason), t.rejected(req.skill, req.employeeId), t.rejectFailed)}
                />
              </td>
            </tr>
          ))}
        </DataTable>
      )}
    </Card>
  );
}
