import { ApiError } from "../../api.ts";
import type { Language } from "../../i18n/language.tsx";
import { defineStrings } from "../../i18n/strings.ts";

const STRINGS = defineStrings({
  en: {
    employees: (n: number) => `${n} employee(s)`,
    departments: (n: number) => `${n} sub-department(s)`,
    positions: (n: number) => `${n} position(s)`,
    notDeleted: (parts: string) => `Not deleted: it still has ${parts}. Move or delete them first.`,
    failed: "Could not delete it.",
  },
  zh: {
    employees: (n: number) => `${n} 名员工`,
    departments: (n: number) => `${n} 个下级部门`,
    positions: (n: number) => `${n} 个岗位`,
    notDeleted: (parts: string) => `未删除：其下仍有 ${parts}。请先移走或删除它们。`,
    failed: "无法删除。",
  },
});

/** Turns a guarded delete's 409 into what the admin has to do first. */
export function explainDeleteFailure(err: unknown, language: Language): string {
  const t = STRINGS[language];
  if (err instanceof ApiError && err.status === 409) {
    const blockers = err.details["blockers"] as { employees?: number; departments?: number; positions?: number } | undefined;
    if (blockers) {
      const parts = [
        blockers.employees ? t.employees(blockers.employees) : null,
        blockers.departments ? t.departments(blockers.departments) : null,
        blockers.positions ? t.positions(blockers.positions) : null,
      ].filter(Boolean);
      if (parts.length) return t.notDeleted(parts.join(language === "zh" ? "、" : ", "));
    }
  }
  return err instanceof Error && err.message ? err.message : t.failed;
}
