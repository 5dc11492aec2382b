import { useEffect, useState } from "react";
import type { Employee, PlaygroundPipeline } from "@clawgate/contracts";
import { getEmployees, getPipeline, playgroundChatPath } from "../../adminApi.ts";
import { Card } from "../../components/Card.tsx";
import { LoadState } from "../../components/PageNotices.tsx";
import { SelectField } from "../../components/Field.tsx";
import { describeError, isAbort } from "../../errors.ts";
import { defineStrings, useStrings } from "../../i18n/strings.ts";
import { ChatPage } from "../ChatPage.tsx";

const STRINGS = defineStrings({
  en: {
    title: "Playground",
    employee: "Employee",
    employeesFailed: "Could not load employees.",
    pipelineFailed: "Could not load the pipeline.",
    pipeline: "Pipeline",
    chatLabel: "Playground chat",
    empty: "Talk to this employee's agent as it is configured now. Your turns are audited under your name and kept apart from the employee's own chat.",
    soulLayers: "SOUL layers",
    allowedTools: "Allowed tools",
    deniedTools: "Denied tools",
    needs: (tool: string, capability: string) => `${tool} (needs ${capability})`,
    knowledge: "Knowledge",
    docs: (name: string, n: number) => `${name} (${n} docs)`,
    skills: "Skills",
    model: "Model",
    runtime: "Runtime",
    noRuntime: "no runtime configured",
    none: "none",
    modelLine: (provider: string, model: string | null, maxTokens: number, contextWindow: number, compaction: string, language: string) =>
      `${provider}${model ? ` · ${model}` : ""} · up to ${maxTokens} tokens per reply · context ${contextWindow} · compaction ${compaction} · language ${language}`,
  },
  zh: {
    title: "试验场",
    employee: "员工",
    employeesFailed: "无法加载员工列表。",
    pipelineFailed: "无法加载流水线。",
    pipeline: "流水线",
    chatLabel: "试验场对话",
    empty: "与该员工当前配置下的智能体对话。你的对话会以你的名义记入审计，并与员工本人的对话分开保存。",
    soulLayers: "SOUL 层",
    allowedTools: "允许的工具",
    deniedTools: "禁止的工具",
    needs: (tool: string, capability: string) => `${tool}（需要 ${capability}）`,
    knowledge: "知识库",
    docs: (name: string, n: number) => `${name}（${n} 篇文档）`,
    skills: "技能",
    model: "模型",
    runtime: "运行时",
    noRuntime: "未配置运行时",
    none: "无",
    modelLine: (provider: string, model: string | null, maxTokens: number, contextWindow: number, compaction: string, language: string) =>
      `${provider}${model ? ` · ${model}` : ""} · 每次回复最多 ${maxTokens} token · 上下文 ${contextWindow} · 压缩 ${compaction} · 语言 ${language}`,
  },
});
type Text = (typeof STRINGS)["en"];

function Pipeline({ pipeline, t }: { pipeline: PlaygroundPipeline; t: Text }) {
  return (
    <dl className="pipeline" data-testid="playground-pipeline">
      <dt>{t.soulLayers}</dt>
      <dd>{pipeline.soul.map((layer) => `${layer.file} ${layer.scope} v${layer.version}`).join(" · ") || t.none}</dd>
      <dt>{t.allowedTools}</dt>
      <dd>{pipeline.tools.allowed.join(", ") || t.none}</dd>
      <dt>{t.deniedTools}</dt>
      <dd>{pipeline.tools.denied.map((d) => t.needs(d.tool, d.capability)).join(", ") || t.none}</dd>
      <dt>{t.knowledge}</dt>
      <dd>{pipeline.knowledge.map((kb) => t.docs(kb.name, kb.documents.length)).join(", ") || t.none}</dd>
      <dt>{t.skills}</dt>
      <dd>{pipeline.skills.map((skill) => skill.name).join(", ") || t.none}</dd>
      <dt>{t.model}</dt>
      <dd>{t.modelLine(pipeline.model.provider, pipeline.model.modelId, pipeline.model.maxTokens, pipeline.model.contextWindow, pipeline.model.compaction, pipeline.model.language)}</dd>
      <dt>{t.runtime}</dt>
      <dd>
        {pipeline.route ? (
          <>
            {pipeline.route.runtime.name} <span className="muted">({pipeline.route.runtime.kind}, {pipeline.route.runtime.target})</span>
            <br />
            <span className="muted">{pipeline.route.reason}</span>
          </>
        ) : (
          t.noRuntime
        )}
      </dd>
    </dl>
  );
}

/** A failure as it came, worded when shown, so the message follows the UI language. */
interface Failure {
  err: unknown;
  fallback: "employeesFailed" | "pipelineFailed";
}

/** Talk to an employee's agent as it is configured, and see what shapes it. Turns are audited with the operator. */
export function PlaygroundPage({ onSignedOut }: { onSignedOut: () => void }) {
  const t = useStrings(STRINGS);
  const [employees, setEmployees] = useState<Employee[]>([]);
  const [employeeId, setEmployeeId] = useState("");
  const [pipeline, setPipeline] = useState<PlaygroundPipeline | null>(null);
  const [failure, setFailure] = useState<Failure | null>(null);

  useEffect(() => {
    const controller = new AbortController();
    getEmployees(controller.signal)
      .then((list) => {
        setEmployees(list);
        setEmployeeId((current) => current || (list[0]?.id ?? ""));
      })
      .catch((err: unknown) => {
        if (!isAbort(err)) setFailure({ err, fallback: "employeesFailed" });
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
        if (!isAbort(err)) setFailure({ err, fallback: "pipelineFailed" });
      });
    return () => controller.abort();
  }, [employeeId]);

  return (
    <main className="page page--wide playground" aria-labelledby="playground-title">
      <h1 id="playground-title" className="page-title">
        {t.title}
      </h1>
      <SelectField id="playground-employee" label={t.employee} value={employeeId} onChange={(e) => setEmployeeId(e.target.value)} data-testid="playground-employee">
        {employees.map((employee) => (
          <option key={employee.id} value={employee.id}>
            {employee.name} ({employee.id})
          </option>
        ))}
      </SelectField>
      <LoadState error={failure ? describeError(failure.err, t[failure.fallback]) : null} loading={false} />
      <div className="columns">
        <Card titleId="pipeline-title" title={t.pipeline}>
          {pipeline ? <Pipeline pipeline={pipeline} t={t} /> : <LoadState error={null} loading />}
        </Card>
        <section className="card playground-chat" aria-label={t.chatLabel}>
          {employeeId ? <ChatPage key={employeeId} onSignedOut={onSignedOut} chatPath={playgroundChatPath(employeeId)} loadHistory={false} emptyText={t.empty} /> : null}
        </section>
      </div>
    </main>
  );
}
