import { generatePrivateKey } from 'viem/accounts'
import { describe, expect, it } from 'vitest'
import { DEVNET_CHAIN_ID, devAccounts } from './accounts.js'
import { assertDevnetChain } from './assertDevnetChain.js'
import { isDevKey } from './isDevKey.js'

describe('assertDevnetChain', () => {
  it('lets the devnet’s chain id through', () => {
    expect(() => assertDevnetChain(DEVNET_CHAIN_ID, 'dev account 0')).not.toThrow()
  })

  it('refuses any other chain id in one line naming what, the chain and where a real key comes from', () => {
    for (const chainId of [1, 1337, 8453, 31338])
      expect(() => assertDevnetChain(chainId, 'the agent keys', 'set OPENLEDGER_AGENT_SEED')).toThrow(
        expect.objectContaining({ name: 'DevnetOnlyError', chainId }),
      )
    expect(() =>
      assertDevnetChain(1, 'dev account 5', 'pass --private-key'),
    ).toThrowErrorMatchingInlineSnapshot(
      `[DevnetOnlyError: dev account 5 is public (from the dev mnemonic): devnet only (chain 31337), and this chain is 1; pass --private-key.]`,
    )
  })
})

describe('isDevKey', () => {
  it('knows the dev mnemonic’s first 20 keys, in any case, and no fresh key', () => {
    const keys = devAccounts(20).map((a) => a.privateKey)
    expect(keys.every(isDevKey)).toBe(true)
    expect(isDevKey(keys[19]!.toUpperCase().replace('0X', '0x'))).toBe(true)
    expect(isDevKey(devAccounts(21)[20]!.privateKey)).toBe(false)
    expect(isDevKey(generatePrivateKey())).toBe(false)
  })
})
