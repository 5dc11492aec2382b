import { useEffect, useState } from "react";
import { Card } from "../../../components/Card.tsx";
import { LoadState, Outcome } from "../../../components/PageNotices.tsx";
import { SelectField } from "../../../components/Field.tsx";
import { describeError, isAbort } from "../../../errors.ts";
import { defineStrings, useStrings } from "../../../i18n/strings.ts";
import { getHeartbeat, saveHeartbeat, type Heartbeat, type Memory } from "../../../portalApi.ts";
import { useFormatTime } from "../useFormatTime.ts";
import { MemoryFileEditor } from "./MemoryFileEditor.tsx";

/** The intervals offered, all within what the server accepts (HEARTBEAT_MIN_MINUTES–HEARTBEAT_MAX_MINUTES). */
const INTERVALS = [30, 60, 120, 240, 480, 720, 1440];

const STRINGS = defineStrings({
  en: {
    title: "Heartbeat",
    intro: "On a heartbeat your agent wakes up by itself, reads HEARTBEAT.md and does what it asks — for example, check for overdue tasks and tell you. Replies go to your paired IM account, or to Reminders.",
    enabled: "Heartbeat on",
    every: "How often",
    minutes: (n: number) => (n % 60 === 0 ? (n === 60 ? "Every hour" : `Every ${n / 60} hours`) : `Every ${n} minutes`),
    next: (when: string) => `Next heartbeat: ${when}`,
    off: "The heartbeat is off.",
    save: "Save heartbeat",
    saved: "Heartbeat saved.",
    failed: "Could not save the heartbeat.",
    loadFailed: "Could not load your heartbeat. Reload the page to try again.",
    fileLabel: "HEARTBEAT.md — what your agent does on each heartbeat",
    fileHint: "A short checklist in Markdown",
  },
  zh: {
    title: "心跳",
    intro: "心跳时智能体会自行唤醒，读取 HEARTBEAT.md 并按其中的要求行事，例如检查逾期任务并通知你。回复发送到你已配对的 IM 账号，或放入“提醒”。",
    enabled: "开启心跳",
    every: "频率",
    minutes: (n: number) => (n % 60 === 0 ? (n === 60 ? "每小时" : `每 ${n / 60} 小时`) : `每 ${n} 分钟`),
    next: (when: string) => `下次心跳：${when}`,
    off: "心跳已关闭。",
    save: "保存心跳设置",
    saved: "心跳设置已保存。",
    failed: "未能保存心跳设置。",
    loadFailed: "无法加载心跳设置，请刷新页面重试。",
    fileLabel: "HEARTBEAT.md — 每次心跳时智能体要做的事",
    fileHint: "用 Markdown 写一份简短清单",
  },
});

interface HeartbeatCardProps {
  /** HEARTBEAT.md as saved; null until the memory has loaded. */
  heartbeatFile: string | null;
  onMemorySaved: (memory: Memory) => void;
}

/** The heartbeat switch and interval, and the HEARTBEAT.md that tells the agent what to do on each one. */
export function HeartbeatCard({ heartbeatFile, onMemorySaved }: HeartbeatCardProps) {
  const t = useStrings(STRINGS);
  const formatTime = useFormatTime();
  const [heartbeat, setHeartbeat] = useState<Heartbeat | null>(null);
  const [enabled, setEnabled] = useState(false);
  const [everyMinutes, setEveryMinutes] = useState(60);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [outcome, setOutcome] = useState<{ ok: boolean; text: string } | null>(null);
  const [saving, setSaving] = useState(false);

  const show = (next: Heartbeat) => {
    setHeartbeat(next);
    setEnabled(next.enabled);
    setEveryMinutes(next.everyMinutes);
  };

  useEffect(() => {
    const controller = new AbortController();
    getHeartbeat(controller.signal)
      .then(show)
      .catch((err: unknown) => {
        if (!isAbort(err)) setLoadError(describeError(err, t.loadFailed));
      });
    return () => controller.abort();
    // The strings only word a failure; a language switch need not reload.
  }, []);

  const save = async () => {
    setSaving(true);
    setOutcome(null);
    try {
      show(await saveHeartbeat(enabled, everyMinutes));
      setOutcome({ ok: true, text: t.saved });
    } catch (err) {
      setOutcome({ ok: false, text: `${t.failed} ${describeError(err, "")}`.trim() });
    } finally {
      setSaving(false);
    }
  };

  const changed = heartbeat !== null && (enabled !== heartbeat.enabled || everyMinutes !== heartbeat.everyMinutes);
  const intervals = INTERVALS.includes(everyMinutes) ? INTERVALS : [...INTERVALS, everyMinutes].sort((a, b) => a - b);

  return (
    <Card titleId="heartbeat-title" title={t.title}>
      <p className="muted">{t.intro}</p>
      <LoadState error={loadError} loading={!heartbeat && !loadError} />
      {heartbeat ? (
        <form
          className="toolbar heartbeat-form"
          data-testid="heartbeat-form"
          onSubmit={(event) => {
            event.preventDefault();
            void save();
          }}
        >
          <label className="switch">
            <input type="checkbox" role="switch" checked={enabled} onChange={(event) => setEnabled(event.target.checked)} data-testid="heartbeat-enabled" />
            <span>{t.enabled}</span>
          </label>
          <SelectField id="heartbeat-every" label={t.every} value={everyMinutes} onChange={(event) => setEveryMinutes(Number(event.target.value))} data-testid="heartbeat-every">
            {intervals.map((minutes) => (
              <option key={minutes} value={minutes}>
                {t.minutes(minutes)}
              </option>
            ))}
          </SelectField>
          <button type="submit" className="button button--primary" disabled={!changed || saving} data-testid="heartbeat-save">
            {t.save}
          </button>
        </form>
      ) : null}
      {heartbeat ? (
        <p className="muted" data-testid="heartbeat-next">
          {heartbeat.enabled && heartbeat.nextRunAt ? t.next(formatTime(heartbeat.nextRunAt)) : t.off}
        </p>
      ) : null}
      <Outcome outcome={outcome} />
      {heartbeatFile === null ? null : (
        <MemoryFileEditor
          name="HEARTBEAT.md"
          label={t.fileLabel}
          hint={t.fileHint}
          savedText={heartbeatFile}
          placeholder={heartbeat?.instructions}
          onSaved={onMemorySaved}
        />
      )}
    </Card>
  );
}
