import type { SkillSubmission } from "@clawgate/contracts";
import { Card } from "../../../components/Card.tsx";
import { DataTable } from "../../../components/DataTable.tsx";
import { EmptyState } from "../../../components/PageNotices.tsx";
import { approveSubmission, rejectSubmission } from "../../../governanceApi.ts";
import { defineStrings, useStrings } from "../../../i18n/strings.ts";
import type { Act } from "./act.ts";
import { RejectWithReason } from "./RejectWithReason.tsx";

const STRINGS = defineStrings({
  en: {
    title: "Review queue",
    empty: "No submitted skills waiting for review.",
    caption: "Submitted skill packages and their automatic checks",
    skill: "Skill",
    submittedBy: "Submitted by",
    checks: "Automatic checks",
    decision: "Decision",
    passed: (size: number, permissions: string, secrets: string) =>
      `Passed on submission: size ${size} bytes, frontmatter, no install steps; permissions ${permissions}; secrets ${secrets}. Approving runs them again.`,
    none: "none",
    approve: "Approve",
    approved: (name: string) => `${name} is in the catalog; assign it to a position to use it.`,
    approveFailed: "Could not approve the submission.",
    rejected: (name: string) => `Rejected ${name}.`,
    rejectFailed: "Could not reject the submission.",
  },
  zh: {
    title: "审核队列",
    empty: "没有等待审核的技能提交。",
    caption: "已提交的技能包及其自动检查",
    skill: "技能",
    submittedBy: "提交者",
    checks: "自动检查",
    decision: "决定",
    passed: (size: number, permissions: string, secrets: string) =>
      `提交时已通过：大小 ${size} 字节、frontmatter、无安装步骤；权限 ${permissions}；密钥 ${secrets}。批准时会再次检查。`,
    none: "无",
    approve: "批准",
    approved: (name: string) => `${name} 已加入目录；分配给某个岗位后即可使用。`,
    approveFailed: "无法批准该提交。",
    rejected: (name: string) => `已拒绝 ${name}。`,
    rejectFailed: "无法拒绝该提交。",
  },
});

/** Submitted skill packages (admins only): what the automatic checks found, approve or reject with a reason. */
export function SkillReviewQueue({ submissions, act }: { submissions: SkillSubmission[]; act: Act }) {
  const t = useStrings(STRINGS);
  const list = (items: string[]) => (items.length ? items.join(", ") : t.none);
  return (
    <Card titleId="review-title" title={t.title}>
      {submissions.length === 0 ? (
        <EmptyState>{t.empty}</EmptyState>
      ) : (
        <DataTable caption={t.caption} columns={[t.skill, t.submittedBy, t.checks, t.decision]} testId="skill-submissions">
          {submissions.map((sub) => (
            <tr key={sub.id}>
              <th scope="row">
                {sub.name} <span className="muted">{sub.version}</span>
                <div className="muted">{sub.manifest.description}</div>
              </th>
              <td>{sub.submittedBy}</td>
              <td>{t.passed(sub.size, list(sub.manifest.permissions), list(sub.manifest.requiredSecrets))}</td>
              <td className="actions">
                <button type="button" className="button button--small button--primary" onClick={() => void act(() => approveSubmission(sub.id), t.approved(sub.name), t.approveFailed)}>
                  {t.approve}
                </button>
                <RejectWithReason label={sub.name} onReject={(reason) => act(() => rejectSubmission(sub.id, reason), t.rejected(sub.name), t.rejectFailed)} />
              </td>
            </tr>
          ))}
        </DataTable>
      )}
    </Card>
  );
}
