/** Crockford base32 without I, L, O, U: nothing to confuse when typed from a phone screen. */
const CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
/** 13 symbols × 5 bits = 65 bits of entropy. */
const CODE_LENGTH = 13;

export function newPairingCode(): string {
  // 32 symbols: the low five bits of a byte pick one uniformly.
  return [...crypto.getRandomValues(new Uint8Array(CODE_LENGTH))].map((b) => CROCKFORD[b & 31]).join("");
}

/** What a user typed, as a stored code: upper case, Crockford's look-alikes folded, separators gone. */
export function normalizePairingCode(input: string): string | null {
  const code = input.toUpperCase().replace(/[\s-]/g, "").replace(/O/g, "0").replace(/[IL]/g, "1");
  return code.length === CODE_LENGTH && [...code].every((c) => CROCKFORD.includes(c)) ? code : null;
}
