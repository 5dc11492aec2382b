const encoder = new TextEncoder();

/**
 * Compares a presented secret with the expected one in constant time. Both are hashed first so
 * the comparison never leaks the secret's length either.
 */
export async function secretsMatch(presented: string | undefined | null, expected: string | undefined): Promise<boolean> {
  if (!presented || !expected) return false;
  const [a, b] = await Promise.all([crypto.subtle.digest("SHA-256", encoder.encode(presented)), crypto.subtle.digest("SHA-256", encoder.encode(expected))]);
  return crypto.subtle.timingSafeEqual(a, b);
}
