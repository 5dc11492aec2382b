import { act, renderHook } from "@testing-library/react";
import { describe, expect, it, vi } from "vitest";
import { useRowEditing } from "./useRowEditing.ts";

describe("row editing state", () => {
  it("opens a row's form, and when the change is done closes it, says so and reloads the page data", () => {
    const onChanged = vi.fn();
    const { result } = renderHook(() => useRowEditing(onChanged));
    expect(result.current.editing).toBeNull();
    expect(result.current.outcome).toBeNull();

    act(() => result.current.setEditing("rt-edge"));
    expect(result.current.editing).toBe("rt-edge");
    expect(onChanged).not.toHaveBeenCalled();

    act(() => result.current.done("Saved Edge."));
    expect(result.current.editing).toBeNull();
    expect(result.current.outcome).toEqual({ ok: true, text: "Saved Edge." });
    expect(onChanged).toHaveBeenCalledTimes(1);
  });

  it("keeps a failure as the outcome without reloading", () => {
    const onChanged = vi.fn();
    const { result } = renderHook(() => useRowEditing(onChanged));
    act(() => result.current.setOutcome({ ok: false, text: "Could not delete." }));
    expect(result.current.outcome).toEqual({ ok: false, text: "Could not delete." });
    expect(onChanged).not.toHaveBeenCalled();
  });
});
