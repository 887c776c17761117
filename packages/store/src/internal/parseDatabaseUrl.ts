import { join } from 'node:path'
import { InvalidDatabaseUrlError } from '../errors/database.js'

export type ParsedDatabaseUrl =
  | { dialect: 'sqlite'; path: string }
  | { dialect: 'postgres'; url: string; hostPort: string }

export const defaultDirectory = '.openledger'
export const sqliteFileName = 'openledger.sqlite'

/**
 * Decides the backend from `databaseUrl`: absent or empty → `<directory>/openledger.sqlite`, `sqlite:<path>`
 * or `:memory:` → SQLite, `postgres://`/`postgresql://` → PostgreSQL; anything else throws.
 */
export function parseDatabaseUrl(databaseUrl: string | undefined, directory?: string): ParsedDatabaseUrl {
  const url = databaseUrl?.trim()
  if (!url) return { dialect: 'sqlite', path: join(directory ?? defaultDirectory, sqliteFileName) }
  if (url === ':memory:') return { dialect: 'sqlite', path: ':memory:' }
  if (/^postgres(?:ql)?:\/\//i.test(url)) return { dialect: 'postgres', url, hostPort: hostPortOf(url) }
  if (/^sqlite:/i.test(url)) {
    // `sqlite:///abs/path` and `sqlite://rel/path` read as the path after `//`, like most tools.
    const path = url.slice('sqlite:'.length).replace(/^\/\//, '')
    if (path) return { dialect: 'sqlite', path }
  }
  throw new InvalidDatabaseUrlError(maskDatabaseUrl(url))
}

/**
 * Replaces the password of `scheme://user:password@host` with `***`; strings without one come back as they
 * are. Masks up to the last `@`, so a password holding `/`, `#` or `@` is still hidden (over-masking a query
 * that holds an `@` is the safe way to be wrong).
 */
export function maskDatabaseUrl(url: string): string {
  return url.replace(/^([a-z][a-z0-9+.-]*:\/\/[^:/?#@]*:)(.*)@/is, '$1***@')
}

function hostPortOf(url: string): string {
  try {
    const parsed = new URL(url)
    const host = parsed.hostname || parsed.searchParams.get('host') || 'localhost'
    return `${host}:${parsed.port || '5432'}`
  } catch {
    return 'an unparsable host'
  }
}
