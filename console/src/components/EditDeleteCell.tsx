import type { ReactNode } from "react";
import { defineStrings, useStrings } from "../i18n/strings.ts";

const STRINGS = defineStrings({
  en: { edit: "Edit", delete: "Delete" },
  zh: { edit: "编辑", delete: "删除" },
});

interface Props {
  /** Each button's accessible name says which row it acts on, since every row shows the same words. */
  editLabel: string;
  deleteLabel: string;
  onEdit: () => void;
  onDelete: () => void;
  /** More row buttons, placed between Edit and Delete. */
  children?: ReactNode;
}

/** A table row's last cell: Edit, any other actions, then Delete. */
export function EditDeleteCell({ editLabel, deleteLabel, onEdit, onDelete, children }: Props) {
  const t = useStrings(STRINGS);
  return (
    <td>
      <div className="actions">
        <button type="button" className="button button--small" onClick={onEdit} aria-label={editLabel}>
          {t.edit}
        </button>
        {children}
        <button type="button" className="button button--small button--danger" onClick={onDelete} aria-label={deleteLabel}>
          {t.delete}
        </button>
      </div>
    </td>
  );
}
