import type { PiiType } from "@clawgate/contracts";

/**
 * Personal data the built-in guardrail recognises. Numbers that merely look right are checked
 * the way their issuers check them (Luhn for cards, ISO 7064 mod 97 for IBANs, the SSA's reserved
 * ranges for SSNs), so order numbers and dates are not mistaken for them.
 */
export interface PiiPattern {
  type: PiiType;
  /** Global, so every occurrence is found and masked. */
  pattern: RegExp;
  valid: (match: string) => boolean;
  /** What a masked occurrence reads as. */
  mask: string;
}

const digitsOf = (text: string) => text.replace(/\D/g, "");

export function luhnValid(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

export function ibanValid(text: string): boolean {
  const iban = text.replace(/\s/g, "").toUpperCase();
  if (iban.length < 15 || iban.length > 34) return false;
  const rearranged = iban.slice(4) + iban.slice(0, 4);
  let remainder = 0;
  for (const char of rearranged) {
    const value = char >= "A" && char <= "Z" ? String(char.charCodeAt(0) - 55) : char;
    for (const digit of value) remainder = (remainder * 10 + Number(digit)) % 97;
  }
  return remainder === 1;
}

function ssnValid(text: string): boolean {
  const [area, group, serial] = text.split(/[- ]/);
  return area !== "000" && area !== "666" && !area!.startsWith("9") && group !== "00" && serial !== "0000";
}

/** Cards before phones: a card number must never be taken for (and masked as) a phone number. */
export const PII_PATTERNS: PiiPattern[] = [
  {
    type: "credit_card",
    pattern: /(?<![\d-])\d(?:[ -]?\d){12,18}(?![\d-])/g,
    valid: (match) => luhnValid(digitsOf(match)),
    mask: "[CARD NUMBER]",
  },
  {
    type: "us_ssn",
    pattern: /(?<![\d-])\d{3}([- ])\d{2}\1\d{4}(?![\d-])/g,
    valid: ssnValid,
    mask: "[SSN]",
  },
  {
    type: "iban",
    pattern: /\b[A-Z]{2}\d{2}(?: ?[A-Z0-9]){11,30}\b/g,
    valid: ibanValid,
    mask: "[IBAN]",
  },
  {
    type: "aws_access_key",
    pattern: /\b(?:AKIA|ASIA)[A-Z0-9]{16}\b/g,
    valid: () => true,
    mask: "[ACCESS KEY]",
  },
  {
    type: "email",
    pattern: /\b[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}\b/g,
    valid: () => true,
    mask: "[EMAIL]",
  },
  {
    // International (+country code) or North American (555) 123-4567 / 555-123-4567 forms.
    type: "phone",
    pattern: /(?:\+\d{1,3}(?:[ .-]?\(?\d{1,4}\)?){2,5}|(?<![\d-])\(?\d{3}\)?[ .-]\d{3}[ .-]\d{4})(?![\d-])/g,
    valid: (match) => {
      const n = digitsOf(match).length;
      return n >= 9 && n <= 15;
    },
    mask: "[PHONE]",
  },
];
