/**
 * Every control-plane change bumps the configuration version; EmployeeAgent objects cache plans
 * per version (durable-objects/src/turn/control-plane.ts `configVersion`), so the next turn of
 * every agent is planned afresh. Batch it with the change itself so neither lands alone.
 */
export function bumpConfigVersion(db: D1Database): D1PreparedStatement {
  return db.prepare("UPDATE settings SET value = CAST(value AS INTEGER) + 1 WHERE key = 'config_version'");
}
