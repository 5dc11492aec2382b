import { cleanup, render, screen } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import { Card } from "./Card.tsx";

describe("card", () => {
  afterEach(cleanup);

  it("is a region named by its heading, holding its content", () => {
    render(
      <Card titleId="runtimes-title" title="Runtimes" testId="security-runtimes">
        <p>No runtimes yet.</p>
      </Card>,
    );
    const region = screen.getByRole("region", { name: "Runtimes" });
    expect(region).toBe(screen.getByTestId("security-runtimes"));
    expect(region.className).toBe("card");
    expect(screen.getByRole("heading", { level: 2, name: "Runtimes" }).id).toBe("runtimes-title");
    expect(region.textContent).toContain("No runtimes yet.");
  });

  it("adds extra classes beside card and needs no test id", () => {
    render(
      <Card titleId="twin-title" title="Twin" className="twin">
        <p>Off</p>
      </Card>,
    );
    const region = screen.getByRole("region", { name: "Twin" });
    expect(region.className).toBe("card twin");
    expect(region.hasAttribute("data-testid")).toBe(false);
  });
});
