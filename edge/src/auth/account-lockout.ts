/** Per-account lockout: five wrong passwords in a row lock the account for fifteen minutes. */
export const MAX_FAILURES = 5;
export const LOCKOUT_MS = 15 * 60 * 1000;

export interface LockoutState {
  id: string;
  failed_logins: number;
  locked_until: string | null;
}

export const isLocked = (account: LockoutState, now = Date.now()) => account.locked_until !== null && Date.parse(account.locked_until) > now;

/**
 * Counts one wrong password. Attempts while locked neither count nor extend the lock, so an
 * attacker cannot keep a victim locked out forever by retrying. Returns true when this attempt locked the account.
 */
export async function recordWrongPassword(db: D1Database, account: LockoutState): Promise<boolean> {
  if (isLocked(account)) return false;
  const failures = account.failed_logins + 1;
  const locks = failures >= MAX_FAILURES;
  await db
    .prepare("UPDATE employees SET failed_logins = ?, locked_until = ? WHERE id = ?")
    .bind(locks ? 0 : failures, locks ? new Date(Date.now() + LOCKOUT_MS).toISOString() : account.locked_until, account.id)
    .run();
  return locks;
}

export async function clearWrongPasswords(db: D1Database, employeeId: string): Promise<void> {
  await db.prepare("UPDATE employees SET failed_logins = 0, locked_until = NULL WHERE id = ?").bind(employeeId).run();
}
