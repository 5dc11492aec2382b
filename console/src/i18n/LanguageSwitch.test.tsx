import { cleanup, render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { LanguageProvider } from "./language.tsx";
import { LanguageSwitch } from "./LanguageSwitch.tsx";
import { defineStrings, useStrings } from "./strings.ts";

const STRINGS = defineStrings({
  en: { hello: (name: string) => `Hello, ${name}` },
  zh: { hello: (name: string) => `你好，${name}` },
});

function Greeting() {
  return <p>{useStrings(STRINGS).hello("Carol")}</p>;
}

describe("language switch", () => {
  beforeEach(() => window.localStorage.clear());
  afterEach(cleanup);

  it("switches every string, sets <html lang> and remembers the choice", async () => {
    render(
      <LanguageProvider initial="en">
        <LanguageSwitch />
        <Greeting />
      </LanguageProvider>,
    );
    expect(screen.getByText("Hello, Carol")).toBeTruthy();
    expect(document.documentElement.lang).toBe("en");

    await userEvent.selectOptions(screen.getByTestId("language-switch"), "zh");

    expect(screen.getByText("你好，Carol")).toBeTruthy();
    expect(document.documentElement.lang).toBe("zh-CN");
    expect(window.localStorage.getItem("clawgate.language")).toBe("zh");
  });

  it("starts in the remembered language", () => {
    window.localStorage.setItem("clawgate.language", "zh");
    render(
      <LanguageProvider>
        <Greeting />
      </LanguageProvider>,
    );
    expect(screen.getByText("你好，Carol")).toBeTruthy();
  });
});
