import { z } from "zod";

/** The password rules; a rejected change lists exactly the ones the new password breaks. */
export const PasswordRule = z.enum(["min_length", "character_variety", "not_employee_id", "not_current_password"]);
export type PasswordRule = z.infer<typeof PasswordRule>;

export const PASSWORD_MIN_LENGTH = 12;
/** Long passphrases need no mix of character classes: length beats variety. */
export const PASSPHRASE_LENGTH = 16;

/** What each rule asks, as the console shows it before and the API answers after a rejected change. */
export const PASSWORD_RULE_TEXT: Record<PasswordRule, string> = {
  min_length: `at least ${PASSWORD_MIN_LENGTH} characters`,
  character_variety: `at least 3 of: lowercase, uppercase, digit, symbol — or at least ${PASSPHRASE_LENGTH} characters`,
  not_employee_id: "must not contain your employee id",
  not_current_password: "must differ from your current password",
};

export const ChangePasswordRequest = z.object({
  currentPassword: z.string().min(1).max(256),
  newPassword: z.string().min(1).max(256),
});
export type ChangePasswordRequest = z.infer<typeof ChangePasswordRequest>;

/** 400 body of a change rejected by the rules: `failedRules` pairs each broken rule with its text. */
export const WeakPasswordError = z.object({
  error: z.object({
    code: z.literal("weak_password"),
    message: z.string(),
    failedRules: z.array(z.object({ rule: PasswordRule, text: z.string() })),
  }),
});
export type WeakPasswordError = z.infer<typeof WeakPasswordError>;

/** The shortest SETUP_TOKEN the Worker accepts: a guessable token would hand out the first admin. */
export const SETUP_TOKEN_MIN_LENGTH = 32;

/**
 * What the sign-in page needs to know: whether this ClawGate still needs its first admin (no admin
 * exists yet), whether the operator has set the SETUP_TOKEN Worker secret that creating one
 * requires, and whether it runs the seeded demo organisation (`npm run dev`).
 */
export const SetupStatus = z.object({ needed: z.boolean(), tokenConfigured: z.boolean(), demo: z.boolean() }).meta({ id: "SetupStatus" });
export type SetupStatus = z.infer<typeof SetupStatus>;

/** The first admin, created once with the SETUP_TOKEN; they sign in with `employeeId` and `password`. */
export const FirstAdminRequest = z
  .object({
    setupToken: z.string().min(1).max(256),
    employeeId: z
      .string()
      .trim()
      .regex(/^[a-z0-9][a-z0-9._-]{1,63}$/, "2–64 characters: lowercase letters, digits, '.', '_' or '-', starting with a letter or digit"),
    name: z.string().trim().min(1).max(120),
    email: z.email().max(254).transform((email) => email.toLowerCase()),
    password: z.string().min(1).max(256),
  })
  .meta({ id: "FirstAdminRequest" });
export type FirstAdminRequest = z.input<typeof FirstAdminRequest>;

/** Whether single sign-on is configured; the login page offers it only then. */
export const SsoStatus = z.object({ enabled: z.boolean() });
export type SsoStatus = z.infer<typeof SsoStatus>;
