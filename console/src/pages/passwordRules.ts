import { PASSPHRASE_LENGTH, PASSWORD_MIN_LENGTH, PASSWORD_RULE_TEXT } from "@clawgate/contracts";
import { defineStrings } from "../i18n/strings.ts";

// The server words its rules in English (PASSWORD_RULE_TEXT); the console words them per language, by rule.
export const PASSWORD_RULES = defineStrings({
  en: PASSWORD_RULE_TEXT,
  zh: {
    min_length: `至少 ${PASSWORD_MIN_LENGTH} 个字符`,
    character_variety: `小写字母、大写字母、数字、符号中至少 3 种——或至少 ${PASSPHRASE_LENGTH} 个字符`,
    not_employee_id: "不得包含你的员工 ID",
    not_current_password: "必须与当前密码不同",
  },
});
