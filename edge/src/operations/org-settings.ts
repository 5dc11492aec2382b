import type { OrgSettings, OrgSettingsPatch } from "@clawgate/contracts";

/**
 * The organisation's settings, rows of the `settings` table (0001). Each one is read where it
 * changes behaviour: company_name by the plan builder and the org directory, default_language by
 * employee creation, twins_enabled by every twin lookup (twin/twin-rows.ts). A key never written
 * reads as its default.
 */
const KEYS = { organisationName: "company_name", defaultLanguage: "default_language", twinsEnabled: "twins_enabled" } as const;

export const DEFAULT_ORG_SETTINGS: OrgSettings = { organisationName: "the company", defaultLanguage: "en", twinsEnabled: true };

export async function readOrgSettings(db: D1Database): Promise<OrgSettings> {
  const { results } = await db
    .prepare("SELECT key, value FROM settings WHERE key IN (SELECT value FROM json_each(?))")
    .bind(JSON.stringify(Object.values(KEYS)))
    .all<{ key: string; value: string }>();
  const stored = new Map(results.map((r) => [r.key, r.value]));
  const language = stored.get(KEYS.defaultLanguage);
  return {
    organisationName: stored.get(KEYS.organisationName) ?? DEFAULT_ORG_SETTINGS.organisationName,
    defaultLanguage: language === "zh" || language === "en" ? language : DEFAULT_ORG_SETTINGS.defaultLanguage,
    twinsEnabled: (stored.get(KEYS.twinsEnabled) ?? "true") !== "false",
  };
}

/** SQL for the language of an employee created without one: the org's default, read inside the insert. */
export const DEFAULT_LANGUAGE_SQL = "COALESCE((SELECT value FROM settings WHERE key = 'default_language'), 'en')";

/** One upsert per changed setting, to batch with its audit event. */
export function writeSettingsStatements(db: D1Database, patch: OrgSettingsPatch): D1PreparedStatement[] {
  return (Object.keys(KEYS) as (keyof typeof KEYS)[])
    .filter((name) => patch[name] !== undefined)
    .map((name) =>
      db
        .prepare("INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value")
        .bind(KEYS[name], String(patch[name])),
    );
}

/** SQL true while twins are allowed org-wide; part of every twin lookup, so switching off acts on the next request. */
export const TWINS_ALLOWED_SQL = "NOT EXISTS (SELECT 1 FROM settings WHERE key = 'twins_enabled' AND value = 'false')";
