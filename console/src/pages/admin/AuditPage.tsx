import { useEffect, useState, type FormEvent } from "react";
import { AUDIT_EVENT_TYPES, type AuditEvent } from "@clawgate/contracts";
import { describeError, isAbort } from "../../errors.ts";
import { auditExportUrl, getAuditPage, type AuditFilters } from "../../governanceApi.ts";

const NO_FILTERS: AuditFilters = { type: "", actor: "", employeeId: "", from: "", to: "" };

/** Details are metadata only (the server refuses content), so they are safe to show as compact JSON. */
const detailText = (detail: Record<string, unknown>) => (Object.keys(detail).length ? JSON.stringify(detail) : "");

/** The audit trail in the caller's scope, filtered, a page at a time, with CSV and JSON Lines exports of the same filter. */
export function AuditPage() {
  const [draft, setDraft] = useState<AuditFilters>(NO_FILTERS);
  const [filters, setFilters] = useState<AuditFilters>(NO_FILTERS);
  const [events, setEvents] = useState<AuditEvent[] | null>(null);
  const [nextCursor, setNextCursor] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
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
        if (!isAbort(err)) setError(`${describeError(err, "Could not load the audit trail.")} Check the filters and try again.`);
      });
    return () => controller.abort();
  }, [filters]);

  const loadMore = async () => {
    if (!nextCursor) return;
    setLoadingMore(true);
    try {
      const page = await getAuditPage(filters, nextCursor);
      setEvents((current) => [...(current ?? []), ...page.events]);
      setNextCursor(page.nextCursor);
    } catch (err) {
      setError(describeError(err, "Could not load more events."));
    } finally {
      setLoadingMore(false);
    }
  };

  const apply = (event: FormEvent) => {
    event.preventDefault();
    setFilters({ ...draft });
  };
  const field = (key: keyof AuditFilters) => ({ value: draft[key], onChange: (e: { target: { value: string } }) => setDraft({ ...draft, [key]: e.target.value }) });

  return (
    <main className="page page--wide" aria-labelledby="audit-title">
      <h1 id="audit-title" className="page-title">
        Audit
      </h1>
      <form className="toolbar" onSubmit={apply} aria-label="Filter the audit trail">
        <label className="field">
          <span className="field-label">Event type</span>
          <select className="field-input" {...field("type")} data-testid="audit-type">
            <option value="">All types</option>
            {AUDIT_EVENT_TYPES.map((type) => (
              <option key={type} value={type}>
                {type}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span className="field-label">Actor</span>
          <input className="field-input" placeholder="emp-jiade" {...field("actor")} data-testid="audit-actor" />
        </label>
        <label className="field">
          <span className="field-label">Employee</span>
          <input className="field-input" placeholder="emp-carol" {...field("employeeId")} data-testid="audit-employee" />
        </label>
        <label className="field">
          <span className="field-label">From</span>
          <input className="field-input" type="date" {...field("from")} />
        </label>
        <label className="field">
          <span className="field-label">To</span>
          <input className="field-input" type="date" {...field("to")} />
        </label>
        <button type="submit" className="button button--primary" data-testid="audit-apply">
          Apply filters
        </button>
      </form>
      <p className="actions">
        Export these events:{" "}
        <a className="button button--small" href={auditExportUrl(filters, "csv")} download data-testid="audit-export-csv">
          CSV
        </a>{" "}
        <a className="button button--small" href={auditExportUrl(filters, "jsonl")} download data-testid="audit-export-jsonl">
          JSON Lines
        </a>
      </p>
      {error ? (
        <p className="notice notice--error" role="alert">
          {error}
        </p>
      ) : null}
      {!events && !error ? <p className="muted">Loading…</p> : null}
      {events && events.length === 0 ? <p className="muted">No events match these filters. Widen the time range or clear a filter.</p> : null}
      {events && events.length > 0 ? (
        <table className="table" data-testid="audit-events">
          <caption className="visually-hidden">Audit events, newest first</caption>
          <thead>
            <tr>
              <th scope="col">When</th>
              <th scope="col">Type</th>
              <th scope="col">Actor</th>
              <th scope="col">Employee</th>
              <th scope="col">Details</th>
            </tr>
          </thead>
          <tbody>
            {events.map((event) => (
              <tr key={event.id} data-testid="audit-event" data-type={event.type}>
                <td>{new Date(event.at).toLocaleString()}</td>
                <td>{event.type}</td>
                <td>{event.actor}</td>
                <td>{event.employeeId ?? ""}</td>
                <td>
                  <code>{detailText(event.detail)}</code>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      {nextCursor ? (
        <button type="button" className="button" onClick={() => void loadMore()} disabled={loadingMore} data-testid="audit-more">
          {loadingMore ? "Loading…" : "Load more"}
        </button>
      ) : null}
    </main>
  );
}
