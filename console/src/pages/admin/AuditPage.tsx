import { useEffect, useState, type FormEvent } from "react";
import { AUDIT_EVENT_TYPES, type AuditEvent } from "@clawgate/contracts";
import { DataTable } from "../../components/DataTable.tsx";
import { EmptyState, LoadState } from "../../components/PageNotices.tsx";
import { SelectField, TextField } from "../../components/Field.tsx";
import { describeError, isAbort } from "../../errors.ts";
import { auditExportUrl, getAuditPage, type AuditFilters } from "../../governanceApi.ts";
import { useLanguage } from "../../i18n/language.tsx";
import { defineStrings, useStrings } from "../../i18n/strings.ts";

const STRINGS = defineStrings({
  en: {
    title: "Audit",
    filterLabel: "Filter the audit trail",
    eventType: "Event type",
    allTypes: "All types",
    actor: "Actor",
    employee: "Employee",
    from: "From",
    to: "To",
    apply: "Apply filters",
    exportThese: "Export these events:",
    loadFailed: (message: string) => `${message} Check the filters and try again.`,
    loadFailedFallback: "Could not load the audit trail.",
    moreFailed: "Could not load more events.",
    empty: "No events match these filters. Widen the time range or clear a filter.",
    caption: "Audit events, newest first",
    when: "When",
    type: "Type",
    details: "Details",
    loading: "Loading…",
    loadMore: "Load more",
  },
  zh: {
    title: "审计",
    filterLabel: "筛选审计记录",
    eventType: "事件类型",
    allTypes: "全部类型",
    actor: "操作者",
    employee: "员工",
    from: "起始日期",
    to: "截止日期",
    apply: "应用筛选",
    exportThese: "导出这些事件：",
    loadFailed: (message: string) => `${message} 请检查筛选条件后重试。`,
    loadFailedFallback: "无法加载审计记录。",
    moreFailed: "无法加载更多事件。",
    empty: "没有符合这些筛选条件的事件。请扩大时间范围或清除某个筛选条件。",
    caption: "审计事件，最新的在前",
    when: "时间",
    type: "类型",
    details: "详情",
    loading: "加载中…",
    loadMore: "加载更多",
  },
});

const NO_FILTERS: AuditFilters = { type: "", actor: "", employeeId: "", from: "", to: "" };

/** Details are metadata only (the server refuses content), so they are safe to show as compact JSON. */
const detailText = (detail: Record<string, unknown>) => (Object.keys(detail).length ? JSON.stringify(detail) : "");

/** The audit trail in the caller's scope, filtered, a page at a time, with CSV and JSON Lines exports of the same filter. */
export function AuditPage() {
  const t = useStrings(STRINGS);
  const locale = useLanguage().language === "zh" ? "zh-CN" : "en";
  const [draft, setDraft] = useState<AuditFilters>(NO_FILTERS);
  const [filters, setFilters] = useState<AuditFilters>(NO_FILTERS);
  const [events, setEvents] = useState<AuditEvent[] | null>(null);
  const [nextCursor, setNextCursor] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [loadingMore, setLoadingMore] = useState(false);

  useEffect(() => {
    const controller = new AbortController();
    setEvents(null);
    setError(null);
    getAuditPage(filters, null, controller.signal)
      .then((page) => {
        setEvents(page.events);
        setNextCursor(page.nextCursor);
      })
      .catch((err: unknown) => {
        if (!isAbort(err)) setError(err);
      });
    return () => controller.abort();
  }, [filters]);

  const [moreError, setMoreError] = useState<unknown>(null);
  const loadMore = async () => {
    if (!nextCursor) return;
    setLoadingMore(true);
    setMoreError(null);
    try {
      const page = await getAuditPage(filters, nextCursor);
      setEvents((current) => [...(current ?? []), ...page.events]);
      setNextCursor(page.nextCursor);
    } catch (err) {
      setMoreError(err);
    } finally {
      setLoadingMore(false);
    }
  };

  const apply = (event: FormEvent) => {
    event.preventDefault();
    setFilters({ ...draft });
  };
  const field = (key: keyof AuditFilters) => ({ value: draft[key], onChange: (e: { target: { value: string } }) => setDraft({ ...draft, [key]: e.target.value }) });

  // Errors are kept as they came and worded here, so a language switch rewords them too.
  const errorText = error ? t.loadFailed(describeError(error, t.loadFailedFallback)) : moreError ? describeError(moreError, t.moreFailed) : null;

  return (
    <main className="page page--wide" aria-labelledby="audit-title">
      <h1 id="audit-title" className="page-title">
        {t.title}
      </h1>
      <form className="toolbar" onSubmit={apply} aria-label={t.filterLabel}>
        <SelectField id="audit-type" label={t.eventType} {...field("type")} data-testid="audit-type">
          <option value="">{t.allTypes}</option>
          {AUDIT_EVENT_TYPES.map((type) => (
            <option key={type} value={type}>
              {type}
            </option>
          ))}
        </SelectField>
        <TextField id="audit-actor" label={t.actor} placeholder="emp-jiade" {...field("actor")} data-testid="audit-actor" />
        <TextField id="audit-employee" label={t.employee} placeholder="emp-carol" {...field("employeeId")} data-testid="audit-employee" />
        <TextField id="audit-from" label={t.from} type="date" {...field("from")} />
        <TextField id="audit-to" label={t.to} type="date" {...field("to")} />
        <button type="submit" className="button button--primary" data-testid="audit-apply">
          {t.apply}
        </button>
      </form>
      <p className="actions">
        {t.exportThese}{" "}
        <a className="button button--small" href={auditExportUrl(filters, "csv")} download data-testid="audit-export-csv">
          CSV
        </a>{" "}
        <a className="button button--small" href={auditExportUrl(filters, "jsonl")} download data-testid="audit-export-jsonl">
          JSON Lines
        </a>
      </p>
      <LoadState error={errorText} loading={!events} />
      {events && events.length === 0 ? <EmptyState testId="audit-empty">{t.empty}</EmptyState> : null}
      {events && events.length > 0 ? (
        <DataTable caption={t.caption} columns={[t.when, t.type, t.actor, t.employee, t.details]} testId="audit-events">
          {events.map((event) => (
            <tr key={event.id} data-testid="audit-event" data-type={event.type}>
              <td>{new Date(event.at).toLocaleString(locale)}</td>
              <td>{event.type}</td>
              <td>{event.actor}</td>
              <td>{event.employeeId ?? ""}</td>
              <td>
                <code>{detailText(event.detail)}</code>
              </td>
            </tr>
          ))}
        </DataTable>
      ) : null}
      {nextCursor ? (
        <button type="button" className="button" onClick={() => void loadMore()} disabled={loadingMore} data-testid="audit-more">
          {loadingMore ? t.loading : t.loadMore}
        </button>
      ) : null}
    </main>
  );
}
