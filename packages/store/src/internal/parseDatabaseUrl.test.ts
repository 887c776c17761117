import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { maskDatabaseUrl, parseDatabaseUrl } from './parseDatabaseUrl.js'

describe('parseDatabaseUrl', () => {
  it('defaults to <directory>/openledger.sqlite', () => {
    expect(parseDatabaseUrl(undefined)).toEqual({
      dialect: 'sqlite',
      path: join('.openledger', 'openledger.sqlite'),
    })
    expect(parseDatabaseUrl('', '/data')).toEqual({
      dialect: 'sqlite',
      path: join('/data', 'openledger.sqlite'),
    })
  })

  it('reads sqlite: paths and :memory:', () => {
    expect(parseDatabaseUrl('sqlite:db/x.sqlite')).toEqual({ dialect: 'sqlite', path: 'db/x.sqlite' })
    expect(parseDatabaseUrl('sqlite:///abs/x.sqlite')).toEqual({ dialect: 'sqlite', path: '/abs/x.sqlite' })
    expect(parseDatabaseUrl('sqlite::memory:')).toEqual({ dialect: 'sqlite', path: ':memory:' })
    expect(parseDatabaseUrl(':memory:')).toEqual({ dialect: 'sqlite', path: ':memory:' })
  })

  it('reads PostgreSQL URLs and the host:port to report', () => {
    expect(parseDatabaseUrl('postgresql://u:p@db.internal/app')).toMatchObject({
      dialect: 'postgres',
      hostPort: 'db.internal:5432',
    })
    expect(parseDatabaseUrl('postgres://127.0.0.1:6543/test')).toMatchObject({ hostPort: '127.0.0.1:6543' })
  })
})

describe('maskDatabaseUrl', () => {
  it('hides the password, even one holding / # or @', () => {
    expect(maskDatabaseUrl('postgres://root:secret@host/db')).toBe('postgres://root:***@host/db')
    expect(maskDatabaseUrl('postgres://root:se/c#r@t@host:5432/db')).toBe('postgres://root:***@host:5432/db')
    expect(maskDatabaseUrl('postgres://root@host/db')).toBe('postgres://root@host/db')
    expect(maskDatabaseUrl('not a url')).toBe('not a url')
  })
})
