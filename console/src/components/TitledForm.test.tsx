import { cleanup, render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, describe, expect, it, vi } from "vitest";
import { LanguageProvider } from "../i18n/language.tsx";
import { TitledForm } from "./TitledForm.tsx";

describe("titled form", () => {
  afterEach(cleanup);

  it("is named by its heading, submits from its button and shows a failed outcome as an alert", async () => {
    const onSubmit = vi.fn((event: { preventDefault: () => void }) => event.preventDefault());
    render(
      <LanguageProvider initial="en">
        <TitledForm id="budget-new" title="Add a budget" outcome={{ ok: false, text: "Could not save." }} submitLabel="Add budget" onSubmit={onSubmit}>
          <input aria-label="Limit" />
        </TitledForm>
      </LanguageProvider>,
    );
    const form = screen.getByRole("form", { name: "Add a budget" });
    expect(form).toBe(screen.getByTestId("budget-new-form"));
    expect(screen.getByRole("alert").textContent).toBe("Could not save.");
    expect(screen.queryByRole("button", { name: "Cancel" })).toBeNull();
    await userEvent.click(screen.getByRole("button", { name: "Add budget" }));
    expect(onSubmit).toHaveBeenCalledTimes(1);
  });

  it("offers Cancel (in Chinese too) only when it can be cancelled", async () => {
    const onCancel = vi.fn();
    const onSubmit = vi.fn();
    render(
      <LanguageProvider initial="zh">
        <TitledForm id="budget-b1" title="编辑预算" outcome={null} submitLabel="保存" onSubmit={onSubmit} onCancel={onCancel}>
          <input aria-label="限额" />
        </TitledForm>
      </LanguageProvider>,
    );
    expect(screen.queryByRole("alert")).toBeNull();
    await userEvent.click(screen.getByRole("button", { name: "取消" }));
    expect(onCancel).toHaveBeenCalledTimes(1);
    expect(onSubmit).not.toHaveBeenCalled();
  });
});
