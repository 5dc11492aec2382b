import type { ReactNode } from "react";
import "./DataTable.css";

interface Props {
  /** Names the table for screen readers; shown above it only with showCaption. */
  caption: ReactNode;
  showCaption?: boolean;
  columns: readonly ReactNode[];
  /** The header of a last column of row buttons, read to screen readers only; no such column without it. */
  actions?: string | undefined;
  className?: string;
  testId?: string;
  /** The rows. */
  children: ReactNode;
}

/** A data table that scrolls sideways on a narrow screen instead of widening the page, with a caption and column headers. */
export function DataTable({ caption, showCaption = false, columns, actions, className, testId, children }: Props) {
  return (
    <div className="table-scroll">
      <table className={className ? `table ${className}` : "table"} data-testid={testId}>
        <caption className={showCaption ? undefined : "visually-hidden"}>{caption}</caption>
        <thead>
          <tr>
            {columns.map((column, index) => (
              <th scope="col" key={index}>
                {column}
              </th>
            ))}
            {actions ? (
              <th scope="col">
                <span className="visually-hidden">{actions}</span>
              </th>
            ) : null}
          </tr>
        </thead>
        <tbody>{children}</tbody>
      </table>
    </div>
  );
}
