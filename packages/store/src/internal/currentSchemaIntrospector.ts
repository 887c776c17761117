import {
  type ColumnMetadata,
  type DatabaseMetadata,
  type DatabaseMetadataOptions,
  type Kysely,
  PostgresIntrospector,
  sql,
  type TableMetadata,
} from 'kysely'

type ColumnRow = {
  schema_name: string
  table: string
  kind: string
  column: string | null
  not_null: boolean | null
  has_default: boolean | null
  type: string | null
  type_schema: string | null
  auto_incrementing: string | null
  comment: string | null
}

/**
 * Kysely's PostgreSQL introspector, with tables listed from the connection's own schema only (the one the
 * store lives in, where Kysely's Migrator looks for its tables). Kysely's own lists every schema's tables
 * through name-based catalog functions, which fail ("schema … does not exist") when another session drops a
 * schema meanwhile, as parallel test suites do; each schema's migrator asks several times per open.
 */
export class CurrentSchemaIntrospector extends PostgresIntrospector {
  readonly #db: Kysely<unknown>

  constructor(db: Kysely<unknown>) {
    super(db)
    this.#db = db
  }

  override async getTables(
    options: DatabaseMetadataOptions = { withInternalKyselyTables: false },
  ): Promise<TableMetadata[]> {
    const { rows } = await sql<ColumnRow>`
      select c.relname as table, c.relkind as kind, ns.nspname as schema_name,
        a.attname as column, a.attnotnull as not_null, a.atthasdef as has_default,
        typ.typname as type, tns.nspname as type_schema, col_description(c.oid, a.attnum) as comment,
        pg_get_serial_sequence(quote_ident(ns.nspname) || '.' || quote_ident(c.relname), a.attname)
          as auto_incrementing
      from pg_catalog.pg_class c
      join pg_catalog.pg_namespace ns on ns.oid = c.relnamespace
      left join pg_catalog.pg_attribute a on a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped
      left join pg_catalog.pg_type typ on typ.oid = a.atttypid
      left join pg_catalog.pg_namespace tns on tns.oid = typ.typnamespace
      where ns.nspname = current_schema() and c.relkind in ('r', 'v', 'p')
      order by c.relname, a.attnum`.execute(this.#db)
    const tables = new Map<string, TableMetadata & { columns: ColumnMetadata[] }>()
    for (const row of rows) {
      if (!options.withInternalKyselyTables && row.table.startsWith('kysely_migration')) continue
      const table = tables.get(row.table) ?? {
        name: row.table,
        schema: row.schema_name,
        isView: row.kind === 'v',
        columns: [],
      }
      tables.set(row.table, table)
      if (row.column === null) continue
      table.columns.push({
        name: row.column,
        dataType: row.type ?? 'unknown',
        ...(row.type_schema ? { dataTypeSchema: row.type_schema } : {}),
        isNullable: !row.not_null,
        isAutoIncrementing: row.auto_incrementing !== null,
        hasDefaultValue: row.has_default === true,
        ...(row.comment ? { comment: row.comment } : {}),
      })
    }
    return [...tables.values()]
  }

  override async getMetadata(options?: DatabaseMetadataOptions): Promise<DatabaseMetadata> {
    return { tables: await this.getTables(options) }
  }
}
