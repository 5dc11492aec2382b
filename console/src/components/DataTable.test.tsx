import { cleanup, render, screen, within } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import { DataTable } from "./DataTable.tsx";

const rows = (
  <tr>
    <th scope="row">Carol</th>
    <td>emp-carol</td>
    <td>
      <button type="button">Delete</button>
    </td>
  </tr>
);

describe("data table", () => {
  afterEach(cleanup);

  it("names the table by its caption, heads the columns and adds an actions column read only to screen readers", () => {
    render(
      <DataTable caption="Employees" columns={["Name", "ID"]} actions="Actions" testId="employee-list">
        {rows}
      </DataTable>,
    );
    const table = screen.getByRole("table", { name: "Employees" });
    expect(table).toBe(screen.getByTestId("employee-list"));
    expect(table.querySelector("caption")?.className).toBe("visually-hidden");
    const headers = within(table).getAllByRole("columnheader");
    expect(headers.map((h) => h.textContent)).toEqual(["Name", "ID", "Actions"]);
    expect(headers.every((h) => h.getAttribute("scope") === "col")).toBe(true);
    expect(headers[2]?.querySelector(".visually-hidden")?.textContent).toBe("Actions");
    expect(within(table).getByRole("rowheader", { name: "Carol" })).toBeTruthy();
    expect(table.parentElement?.className).toBe("table-scroll");
  });

  it("has no actions column without an actions label, shows the caption when asked and keeps extra table classes", () => {
    render(
      <DataTable caption="Agents" showCaption columns={["Name", "ID"]} actions={undefined} className="agent-table">
        {rows}
      </DataTable>,
    );
    const table = screen.getByRole("table", { name: "Agents" });
    expect(within(table).getAllByRole("columnheader").map((h) => h.textContent)).toEqual(["Name", "ID"]);
    expect(table.querySelector("caption")?.className).toBe("");
    expect(table.className).toBe("table agent-table");
  });
});
