import { encodeAbiParameters, keccak256, zeroAddress } from 'viem'
import { describe, expect, it } from 'vitest'
import { contentHashOf } from './contentHashOf.js'
import { rowIdOf } from './rowIdOf.js'

const registry = '0x5FbDB2315678afecb367f032d93F642f64180aa3'
const datanet = { chainId: 31337, registry, datanetId: 1n } as const

describe('contentHashOf', () => {
  it('hashes abi.encode(kind, ...strings) exactly as given', () => {
    const text = 'Lily saw a big red ball.'
    expect(contentHashOf({ kind: 'text', text })).toBe(
      keccak256(encodeAbiParameters([{ type: 'string' }, { type: 'string' }], ['text', text])),
    )
    expect(contentHashOf({ kind: 'prompt_completion', prompt: 'Q', completion: 'A' })).toBe(
      keccak256(
        encodeAbiParameters(
          [{ type: 'string' }, { type: 'string' }, { type: 'string' }],
          ['prompt_completion', 'Q', 'A'],
        ),
      ),
    )
    expect(contentHashOf({ kind: 'text', text: 'héllo' })).not.toBe(
      contentHashOf({ kind: 'text', text: 'hello' }),
    )
    expect(contentHashOf({ kind: 'text', text: 'a ' })).not.toBe(contentHashOf({ kind: 'text', text: 'a' }))
  })

  it('tells kinds and field boundaries apart', () => {
    const hashes = [
      contentHashOf({ kind: 'text', text: 'QA' }),
      contentHashOf({ kind: 'text', text: 'Q\nA' }),
      contentHashOf({ kind: 'prompt_completion', prompt: 'Q', completion: 'A' }),
      contentHashOf({ kind: 'prompt_completion', prompt: 'QA', completion: '' }),
      contentHashOf({ kind: 'prompt_completion', prompt: '', completion: 'QA' }),
    ]
    expect(new Set(hashes).size).toBe(hashes.length)
  })
})

describe('rowIdOf', () => {
  const contentHash = contentHashOf({ kind: 'text', text: 'Lily saw a big red ball.' })

  it('is keccak256(abi.encode(chainId, registry, datanetId, contentHash))', () => {
    expect(rowIdOf(datanet, contentHash)).toBe(
      keccak256(
        encodeAbiParameters(
          [{ type: 'uint256' }, { type: 'address' }, { type: 'uint256' }, { type: 'bytes32' }],
          [31337n, registry, 1n, contentHash],
        ),
      ),
    )
    expect(rowIdOf({ ...datanet, registry: registry.toLowerCase() as `0x${string}` }, contentHash)).toBe(
      rowIdOf(datanet, contentHash),
    )
  })

  it('differs by chain, registry and datanet', () => {
    const ids = [
      rowIdOf(datanet, contentHash),
      rowIdOf({ ...datanet, chainId: 1 }, contentHash),
      rowIdOf({ ...datanet, registry: zeroAddress }, contentHash),
      rowIdOf({ ...datanet, datanetId: 2n }, contentHash),
    ]
    expect(new Set(ids).size).toBe(4)
  })
})
