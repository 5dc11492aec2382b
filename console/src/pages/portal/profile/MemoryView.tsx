import { Card } from "../../../components/Card.tsx";
import { EmptyState } from "../../../components/PageNotices.tsx";
import { defineStrings, useStrings } from "../../../i18n/strings.ts";
import type { MemoryFile } from "../../../portalApi.ts";

const STRINGS = defineStrings({
  en: {
    title: "What your agent remembers",
    intro: "Your agent writes these notes itself as you work together. They are shown here read-only; ask your agent in chat to change or forget something.",
    empty: "Your agent has not written any memory yet. It starts as you talk to it.",
    size: (bytes: number) => (bytes < 1024 ? `${bytes} bytes` : `${(bytes / 1024).toFixed(1)} KiB`),
    emptyFile: "(empty)",
  },
  zh: {
    title: "智能体的记忆",
    intro: "这些笔记由智能体在与你协作时自行写下，此处只读；如需修改或遗忘某些内容，请在对话中告诉智能体。",
    empty: "智能体还没有写下任何记忆，与它对话后就会开始记录。",
    size: (bytes: number) => (bytes < 1024 ? `${bytes} 字节` : `${(bytes / 1024).toFixed(1)} KiB`),
    emptyFile: "（空）",
  },
});

/** The agent's own memory files (MEMORY.md, memory/*.md), read-only: the agent is their author. */
export function MemoryView({ files }: { files: MemoryFile[] }) {
  const t = useStrings(STRINGS);
  return (
    <Card titleId="memory-title" title={t.title}>
      <p className="muted">{t.intro}</p>
      {files.length === 0 ? <EmptyState testId="memory-empty">{t.empty}</EmptyState> : null}
      <ul className="memory-files" data-testid="memory-files">
        {files.map((file) => (
          <li key={file.path}>
            <details className="memory-file" data-testid="memory-file" data-path={file.path}>
              <summary>
                <code>{file.path}</code> <span className="muted">{t.size(file.bytes)}</span>
              </summary>
              <pre className="memory-file-text">{file.text || t.emptyFile}</pre>
            </details>
          </li>
        ))}
      </ul>
    </Card>
  );
}
