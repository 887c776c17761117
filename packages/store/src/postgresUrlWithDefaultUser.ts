import { userInfo } from 'node:os'

/**
 * A PostgreSQL URL with the user libpq would pick: libpq (psql) falls back to the OS user name when neither the
 * URL nor PGUSER names one; node-postgres falls back to $USER, which containers and CI often leave unset. For
 * any node-postgres client (the store, LangGraph's checkpointer).
 *
 * @example
 * new pg.Pool({ connectionString: postgresUrlWithDefaultUser('postgres://127.0.0.1:5432/test') })
 */
export function postgresUrlWithDefaultUser(url: string): string {
  if (process.env.PGUSER || process.env.USER) return url
  try {
    const parsed = new URL(url)
    if (parsed.username) return url
    parsed.username = encodeURIComponent(userInfo().username)
    return parsed.toString()
  } catch {
    return url
  }
}
