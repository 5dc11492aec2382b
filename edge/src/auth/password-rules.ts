import { PASSPHRASE_LENGTH, PASSWORD_MIN_LENGTH, PASSWORD_RULE_TEXT, type PasswordRule } from "@clawgate/contracts";
import { ApiFailure } from "../http/errors.ts";

const MIN_CLASSES = 3;
const CLASSES = [/[a-z]/, /[A-Z]/, /[0-9]/, /[^A-Za-z0-9]/];

/** Every rule the new password breaks (texts: PASSWORD_RULE_TEXT), in a stable order; empty when it is acceptable. */
export function brokenPasswordRules(newPassword: string, context: { employeeId: string; currentPassword: string }): PasswordRule[] {
  const broken: PasswordRule[] = [];
  const length = [...newPassword].length;
  if (length < PASSWORD_MIN_LENGTH) broken.push("min_length");
  const classes = CLASSES.filter((pattern) => pattern.test(newPassword)).length;
  if (classes < MIN_CLASSES && length < PASSPHRASE_LENGTH) broken.push("character_variety");
  if (newPassword.toLowerCase().includes(context.employeeId.toLowerCase())) broken.push("not_employee_id");
  if (newPassword === context.currentPassword) broken.push("not_current_password");
  return broken;
}

/** The 400 `weak_password` for a password that breaks `broken`: the message names the rules, `failedRules` pairs each with its text. */
export function weakPassword(broken: PasswordRule[]): ApiFailure {
  const rules = broken.map((rule) => PASSWORD_RULE_TEXT[rule]).join("; ");
  return new ApiFailure(400, "weak_password", `The new password breaks ${broken.length === 1 ? "a rule" : `${broken.length} rules`}: ${rules}.`, {
    failedRules: broken.map((rule) => ({ rule, text: PASSWORD_RULE_TEXT[rule] })),
  });
}
