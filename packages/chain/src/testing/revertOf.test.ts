import { openTokenAbi } from '@openledger/contracts'
import { encodeErrorResult, RpcRequestError } from 'viem'
import { describe, expect, it } from 'vitest'
import { revertOf } from './revertOf.js'

const revertWith = (data: `0x${string}`) =>
  Promise.reject(
    new RpcRequestError({ body: {}, url: 'edr://in-process', error: { code: 3, message: 'reverted', data } }),
  )

describe('revertOf', () => {
  it('decodes raw revert data with the given ABI', async () => {
    const data = encodeErrorResult({ abi: openTokenAbi, errorName: 'GenesisLengthMismatch', args: [2n, 1n] })
    expect(await revertOf(revertWith(data), openTokenAbi)).toEqual({
      errorName: 'GenesisLengthMismatch',
      args: [2n, 1n],
    })
  })

  it('decodes Error(string) without an ABI', async () => {
    const data = encodeErrorResult({
      abi: [{ type: 'error', name: 'Error', inputs: [{ name: 'reason', type: 'string' }] }],
      errorName: 'Error',
      args: ['GS031'],
    })
    expect(await revertOf(revertWith(data))).toEqual({ errorName: 'Error', args: ['GS031'] })
  })

  it('fails when the call succeeds or fails without revert data', async () => {
    await expect(revertOf(Promise.resolve('0x'))).rejects.toThrowErrorMatchingInlineSnapshot(
      `[NoRevertError: expected a revert, but it succeeded]`,
    )
    await expect(revertOf(Promise.reject(new TypeError('offline')))).rejects.toThrow('offline')
    await expect(revertOf(revertWith('0x'))).rejects.toBeInstanceOf(RpcRequestError)
  })
})
