/**
 * Where migrations were recorded before each package owned its own: one Kysely table for all. Databases from
 * then still have it; the store only reads it, to adopt their records (see `adoptLegacyMigrations`).
 */
export const legacyMigrationTable = 'kysely_migration'

/** The Kysely table that records one schema's migrations. */
export function migrationTableOf(schemaName: string): string {
  return `${legacyMigrationTable}_${schemaName}`
}
