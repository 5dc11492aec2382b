import { useEffect, useState } from "react";
import { Card } from "../../../components/Card.tsx";
import { LoadState } from "../../../components/PageNotices.tsx";
import { describeError, isAbort } from "../../../errors.ts";
import { defineStrings, useStrings } from "../../../i18n/strings.ts";
import { getMemory, type Memory } from "../../../portalApi.ts";
import { useFormatTime } from "../useFormatTime.ts";
import { HeartbeatCard } from "./HeartbeatCard.tsx";
import { MemoryFileEditor } from "./MemoryFileEditor.tsx";
import { MemoryView } from "./MemoryView.tsx";

const EDITABLE = new Set(["USER.md", "HEARTBEAT.md"]);

const STRINGS = defineStrings({
  en: {
    title: "About you",
    intro: "USER.md tells your agent who you are and how you like to work: your role, projects, people you work with, how to address you. It reads it at the start of every conversation.",
    label: "USER.md",
    hint: "Markdown",
    placeholder: "# About me\n- I lead the Sales team in Shanghai\n- Call me by my first name; reply in English",
    updated: (when: string) => `Memory last saved ${when}`,
    loadFailed: "Could not load your agent's memory. Reload the page to try again.",
  },
  zh: {
    title: "关于你",
    intro: "USER.md 告诉智能体你是谁、喜欢怎样工作：你的职责、项目、合作的同事、如何称呼你。每次对话开始时智能体都会读取它。",
    label: "USER.md",
    hint: "Markdown 格式",
    placeholder: "# 关于我\n- 我负责上海销售团队\n- 直接叫我名字；用中文回复",
    updated: (when: string) => `记忆最近保存于 ${when}`,
    loadFailed: "无法加载智能体的记忆，请刷新页面重试。",
  },
});

/** The memory part of the profile: USER.md and HEARTBEAT.md to edit, the agent's own notes to read. */
export function MemorySection() {
  const t = useStrings(STRINGS);
  const formatTime = useFormatTime();
  const [memory, setMemory] = useState<Memory | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    const controller = new AbortController();
    getMemory(controller.signal)
      .then(setMemory)
      .catch((err: unknown) => {
        if (!isAbort(err)) setError(describeError(err, t.loadFailed));
      });
    return () => controller.abort();
    // The strings only word a failure; a language switch need not reload.
  }, []);

  const textOf = (path: string) => memory?.files.find((file) => file.path === path)?.text ?? "";

  return (
    <>
      <Card titleId="user-md-title" title={t.title}>
        <p className="muted">{t.intro}</p>
        <LoadState error={error} loading={!memory && !error} />
        {memory ? (
          <MemoryFileEditor name="USER.md" label={t.label} hint={t.hint} savedText={textOf("USER.md")} placeholder={t.placeholder} onSaved={setMemory} />
        ) : null}
        {memory?.updatedAt ? <p className="muted memory-updated">{t.updated(formatTime(memory.updatedAt))}</p> : null}
      </Card>
      {/* The heartbeat switch works without the memory; only its HEARTBEAT.md editor waits for it. */}
      <HeartbeatCard heartbeatFile={memory ? textOf("HEARTBEAT.md") : null} onMemorySaved={setMemory} />
      {memory ? <MemoryView files={memory.files.filter((file) => !EDITABLE.has(file.path))} /> : null}
    </>
  );
}
