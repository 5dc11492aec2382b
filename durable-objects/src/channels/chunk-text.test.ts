import { describe, expect, it } from "vitest";
import { newPairingCode, normalizePairingCode } from "../channel-directory/pairing-code.ts";
import { chunkText } from "./chunk-text.ts";

describe("chunkText", () => {
  it("keeps a short text whole", () => {
    expect(chunkText("hello", 10)).toEqual(["hello"]);
    expect(chunkText("", 10)).toEqual([""]);
  });

  it("splits at a paragraph, then a line, then a word, within the limit", () => {
    expect(chunkText("aaaa bbbb\n\ncccc", 12)).toEqual(["aaaa bbbb", "cccc"]);
    expect(chunkText("aaaa bbbb\ncccc", 12)).toEqual(["aaaa bbbb", "cccc"]);
    expect(chunkText("aaaaaaa bbbb", 10)).toEqual(["aaaaaaa", "bbbb"]);
  });

  it("cuts a text without boundaries hard at the limit, never inside a surrogate pair", () => {
    expect(chunkText("x".repeat(25), 10)).toEqual(["x".repeat(10), "x".repeat(10), "x".repeat(5)]);
    const emoji = `${"x".repeat(9)}😀yy`;
    const chunks = chunkText(emoji, 10);
    expect(chunks).toEqual(["x".repeat(9), "😀yy"]);
    expect(chunks.every((c) => c.length <= 10)).toBe(true);
  });

  it("never exceeds Telegram's 4096 on a long mixed reply and loses no text", () => {
    const text = Array.from({ length: 400 }, (_, i) => `line ${i} ${"word ".repeat(i % 17)}`).join("\n");
    const chunks = chunkText(text, 4096);
    expect(chunks.length).toBeGreaterThan(1);
    expect(chunks.every((c) => c.length <= 4096)).toBe(true);
    expect(chunks.join("").replace(/\s/g, "")).toBe(text.replace(/\s/g, ""));
  });
});

describe("pairing codes", () => {
  it("are 13 Crockford base32 symbols (65 bits) without I, L, O or U, and differ", () => {
    const codes = Array.from({ length: 200 }, newPairingCode);
    for (const code of codes) expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{13}$/);
    expect(new Set(codes).size).toBe(codes.length);
  });

  it("normalise what a person typed: case, separators and look-alikes", () => {
    const code = newPairingCode();
    expect(normalizePairingCode(code.toLowerCase())).toBe(code);
    expect(normalizePairingCode(`${code.slice(0, 5)}-${code.slice(5)}`)).toBe(code);
    expect(normalizePairingCode("0O1IL23456789")).toBe("0011123456789");
    expect(normalizePairingCode("SHORT")).toBeNull();
    expect(normalizePairingCode("UUUUUUUUUUUUU")).toBeNull();
  });
});
