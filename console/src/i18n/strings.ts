import { useLanguage, type Language } from "./language.tsx";

/** A UI string: plain text, or a function of the values it mentions. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Text = string | ((...args: any[]) => string);

/**
 * A component's strings in every UI language. Chinese must give every English key with the same
 * shape, so a missing translation is a type error rather than a blank on screen.
 */
export type Strings<T extends Record<string, Text>> = { [L in Language]: { [K in keyof T]: T[K] } };

export function defineStrings<T extends Record<string, Text>>(strings: { en: T; zh: { [K in keyof T]: T[K] } }): Strings<T> {
  return strings;
}

/** The strings for the current UI language. */
export function useStrings<T extends Record<string, Text>>(strings: Strings<T>): T {
  return strings[useLanguage().language];
}

/** A label given in every UI language, for data such as navigation entries. */
export type Localized = Record<Language, string>;
