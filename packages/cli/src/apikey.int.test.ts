import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { findApiKey, gatewaySchema, hashSecret } from '@openledger/gateway'
import { openStore } from '@openledger/store'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { expectOneLineError } from './testing/expectOneLineError.js'
import { runCli } from './testing/runCli.js'

// Each run starts the whole CLI (about 5 s alone, far more on a loaded machine): few runs, long timeouts.

const account = '0x70997970C51812dc3A010C7d01b50e0d17dc79C8'
let home: string
const cli = (...args: string[]) => runCli(args, { OPENLEDGER_HOME: home })

beforeAll(() => {
  home = mkdtempSync(join(tmpdir(), 'openledger-apikey-'))
})
afterAll(() => rmSync(home, { recursive: true, force: true }))

describe('openledger apikey create, list, revoke', () => {
  it('creates a key shown once and stored only as its hash, lists it, and revokes it', async () => {
    const created = await cli('apikey', 'create', '--account', account.toLowerCase(), '--label', 'demo')
    expect(created.stderr).toBe('')
    const match =
      /^Created API key (key_[0-9a-f]{16}) for (0x[0-9a-fA-F]{40}) \(demo\):\n(ol_[A-Za-z0-9_-]{43})\nIt is shown only now/.exec(
        created.stdout,
      )
    expect(match).not.toBeNull()
    const [, id, owner, secret] = match!
    expect(owner).toBe(account)

    const store = await openStore({ directory: home, schemas: [gatewaySchema] })
    try {
      expect(await findApiKey(store, secret!)).toMatchObject({
        id,
        account,
        label: 'demo',
        revokedAt: undefined,
      })
      const rows = await store.db
        .withTables<{ gateway_api_keys: { secret_hash: string } }>()
        .selectFrom('gateway_api_keys')
        .selectAll()
        .execute()
      expect(JSON.stringify(rows)).not.toContain(secret)
      expect(rows[0]!.secret_hash).toBe(hashSecret(secret!))
    } finally {
      await store.close()
    }

    const listed = await cli('apikey', 'list')
    expect(listed.stdout).toMatch(new RegExp(`^${id}  ${account}  active  created \\S+Z  demo\\n$`))
    expect(listed.stdout).not.toContain(secret)

    const revoked = await cli('apikey', 'revoke', id!)
    expect(revoked.stdout).toMatch(new RegExp(`^Revoked API key ${id} of ${account} \\(\\S+Z\\)\\.\\n$`))
    const reopened = await openStore({ directory: home, schemas: [gatewaySchema] })
    try {
      expect((await findApiKey(reopened, secret!))?.revokedAt).toBeInstanceOf(Date)
    } finally {
      await reopened.close()
    }
  }, 180_000)

  it('refuses a bad address and an unknown id in one line', async () => {
    expectOneLineError(await cli('apikey', 'create', '--account', 'nope'), /"nope" is not an address\./)
    expectOneLineError(
      await cli('apikey', 'revoke', 'key_0000000000000000'),
      /^error: No API key key_0000000000000000\.$/,
    )
  }, 120_000)
})
