import { cleanup, render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { useState } from "react";
import { afterEach, describe, expect, it } from "vitest";
import { SelectField, TextField } from "./Field.tsx";

function Limit({ error }: { error?: string }) {
  const [value, setValue] = useState("");
  return <TextField id="budget-limit" label="Monthly limit" hint="In US dollars" error={error} errorId="budget-monthlyLimitUsd-error" value={value} onChange={(e) => setValue(e.target.value)} />;
}

describe("labelled fields", () => {
  afterEach(cleanup);

  it("labels the input, describes it by its hint and takes typing", async () => {
    render(<Limit />);
    const input = screen.getByLabelText("Monthly limit");
    expect(input.getAttribute("aria-invalid")).toBeNull();
    expect(input.getAttribute("aria-describedby")).toBe("budget-limit-hint");
    expect(document.getElementById("budget-limit-hint")?.textContent).toBe("In US dollars");
    await userEvent.type(input, "120");
    expect((input as HTMLInputElement).value).toBe("120");
  });

  it("marks the input invalid and describes it by the server's error, under the error id the server's field name gives", () => {
    render(<Limit error="Must be positive" />);
    const input = screen.getByLabelText("Monthly limit");
    expect(input.getAttribute("aria-invalid")).toBe("true");
    expect(input.getAttribute("aria-describedby")).toBe("budget-monthlyLimitUsd-error");
    expect(screen.getByTestId("budget-monthlyLimitUsd-error").textContent).toBe("Must be positive");
    expect(screen.getByText("In US dollars")).toBeTruthy();
  });

  it("uses a hint elsewhere on the form until an error replaces it, and names the error after the control by default", () => {
    const { rerender } = render(
      <SelectField id="cfg-model" label="Model" describedBy="cfg-hint" value="" onChange={() => undefined}>
        <option value="">Inherit</option>
      </SelectField>,
    );
    const select = screen.getByRole("combobox", { name: "Model" });
    expect(select.getAttribute("aria-describedby")).toBe("cfg-hint");
    expect(screen.queryByTestId("cfg-model-error")).toBeNull();
    rerender(
      <SelectField id="cfg-model" label="Model" describedBy="cfg-hint" error="Unknown model" value="" onChange={() => undefined}>
        <option value="">Inherit</option>
      </SelectField>,
    );
    expect(select.getAttribute("aria-describedby")).toBe("cfg-model-error");
    expect(select.getAttribute("aria-invalid")).toBe("true");
    expect(screen.getByTestId("cfg-model-error").textContent).toBe("Unknown model");
  });

  it("passes the input's own attributes through", () => {
    render(<TextField id="x" label="Endpoint" inputMode="url" placeholder="https://" data-testid="endpoint" disabled />);
    const input = screen.getByTestId("endpoint") as HTMLInputElement;
    expect(input).toBe(screen.getByLabelText("Endpoint"));
    expect(input.className).toBe("field-input");
    expect(input.getAttribute("inputmode")).toBe("url");
    expect(input.placeholder).toBe("https://");
    expect(input.disabled).toBe(true);
    expect(input.getAttribute("aria-describedby")).toBeNull();
  });
});
