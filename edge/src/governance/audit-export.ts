import type { AuditEvent, AuditExportQuery, AuditFilter } from "@clawgate/contracts";
import type { Scope } from "../auth/scope.ts";
import { auditPage, type AuditCursor } from "./audit-query.ts";

/** Rows per D1 query while exporting: memory stays bounded by one page however long the trail is. */
export const EXPORT_PAGE_SIZE = 500;

const CSV_COLUMNS = ["id", "at", "type", "category", "actor", "employee_id", "detail"] as const;

/**
 * The filtered, scoped audit trail as CSV or JSON Lines, newest first. The stream pulls one page
 * from D1 (keyset pagination) each time the reader wants more, so an export of any size never
 * holds more than a page or two in memory, and a client that stops reading stops the queries.
 */
export function auditExport(db: D1Database, scope: Scope, filter: AuditFilter, format: AuditExportQuery["format"], pageSize = EXPORT_PAGE_SIZE): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  const line = format === "csv" ? csvLine : (event: AuditEvent) => `${JSON.stringify(event)}\n`;
  let cursor: AuditCursor | null = null;
  let first = true;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      const { events, next } = await auditPage(db, scope, filter, pageSize, cursor);
      const header = first && format === "csv" ? `${CSV_COLUMNS.join(",")}\r\n` : "";
      first = false;
      const text = header + events.map(line).join("");
      if (text) controller.enqueue(encoder.encode(text));
      if (next) cursor = next;
      else controller.close();
    },
  });
}

function csvLine(event: AuditEvent): string {
  const cells = [event.id, event.at, event.type, event.category ?? "", event.actor, event.employeeId ?? "", JSON.stringify(event.detail)];
  return `${cells.map(csvCell).join(",")}\r\n`;
}

/**
 * RFC 4180 quoting, and a leading apostrophe on anything a spreadsheet would run as a formula
 * (an exported trail is opened in one, and its values can come from outside).
 */
function csvCell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}
