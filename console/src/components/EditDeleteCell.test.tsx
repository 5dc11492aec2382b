import { cleanup, render, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import type { ReactNode } from "react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { LanguageProvider } from "../i18n/language.tsx";
import { EditDeleteCell } from "./EditDeleteCell.tsx";

function row(language: "en" | "zh", onEdit: () => void, onDelete: () => void, extra?: ReactNode) {
  return (
    <LanguageProvider initial={language}>
      <table>
        <tbody>
          <tr>
            <th scope="row">Edge</th>
            <EditDeleteCell editLabel="Edit runtime Edge" deleteLabel="Delete runtime Edge" onEdit={onEdit} onDelete={onDelete}>
              {extra}
            </EditDeleteCell>
          </tr>
        </tbody>
      </table>
    </LanguageProvider>
  );
}

describe("edit and delete cell", () => {
  afterEach(cleanup);

  it("names each button after its row and calls the matching handler", async () => {
    const onEdit = vi.fn();
    const onDelete = vi.fn();
    render(row("en", onEdit, onDelete));
    await userEvent.click(screen.getByRole("button", { name: "Edit runtime Edge" }));
    expect(onEdit).toHaveBeenCalledTimes(1);
    expect(onDelete).not.toHaveBeenCalled();
    const remove = screen.getByRole("button", { name: "Delete runtime Edge" });
    expect(remove.textContent).toBe("Delete");
    expect(remove.className).toContain("button--danger");
    await userEvent.click(remove);
    expect(onDelete).toHaveBeenCalledTimes(1);
  });

  it("puts other actions between Edit and Delete and speaks Chinese", () => {
    const makeDefault = (
      <button type="button" className="button button--small">
        设为默认
      </button>
    );
    render(row("zh", () => undefined, () => undefined, makeDefault));
    const buttons = within(screen.getByRole("cell")).getAllByRole("button");
    expect(buttons.map((b) => b.textContent)).toEqual(["编辑", "设为默认", "删除"]);
  });
});
