import { openTokenAbi } from '@openledger/contracts'
import {
  ContractFunctionExecutionError,
  ContractFunctionRevertedError,
  encodeErrorResult,
  type Hex,
  RpcRequestError,
} from 'viem'
import { describe, expect, it } from 'vitest'
import { ContractCallRevertedError } from '../errors.js'
import { decodeRevert } from './decodeRevert.js'

const TOKEN = '0x5FbDB2315678afecb367f032d93F642f64180aa3'
const rpcRevert = (data: Hex) =>
  new RpcRequestError({ body: {}, url: 'edr://in-process', error: { code: 3, message: 'reverted', data } })
const insufficient = encodeErrorResult({
  abi: openTokenAbi,
  errorName: 'ERC20InsufficientBalance',
  args: [TOKEN, 1n, 2n],
})

describe('decodeRevert', () => {
  it("reads viem's decoded revert with the contract's address", () => {
    const reverted = new ContractFunctionRevertedError({
      abi: openTokenAbi,
      data: insufficient,
      functionName: 'transfer',
    })
    const error = new ContractFunctionExecutionError(reverted, {
      abi: openTokenAbi,
      functionName: 'transfer',
      args: [TOKEN, 2n],
      contractAddress: TOKEN,
    })
    expect(decodeRevert(error)).toEqual({
      errorName: 'ERC20InsufficientBalance',
      args: [TOKEN, 1n, 2n],
      reason: undefined,
      contractAddress: TOKEN,
    })
  })

  it('decodes raw revert data with the given ABI, and Error(string) without one', () => {
    expect(decodeRevert(rpcRevert(insufficient), { abi: openTokenAbi })).toMatchObject({
      errorName: 'ERC20InsufficientBalance',
      args: [TOKEN, 1n, 2n],
    })
    const require = encodeErrorResult({
      abi: [{ type: 'error', name: 'Error', inputs: [{ name: 'reason', type: 'string' }] }],
      errorName: 'Error',
      args: ['GS031'],
    })
    expect(decodeRevert(new Error('outer', { cause: rpcRevert(require) }))).toMatchObject({
      errorName: 'Error',
      args: ['GS031'],
      reason: 'GS031',
    })
  })

  it("reads the write path's own error", () => {
    const error = new ContractCallRevertedError({
      errorName: 'ERC20InsufficientBalance',
      args: [TOKEN, 1n, 2n],
      contractAddress: TOKEN,
      functionName: 'transfer',
    })
    expect(decodeRevert(error)).toMatchObject({
      errorName: 'ERC20InsufficientBalance',
      contractAddress: TOKEN,
    })
    expect(decodeRevert(new ContractCallRevertedError({ hash: `0x${'1'.repeat(64)}` }))).toBeUndefined()
  })

  it('is undefined for what is no revert, or a revert no ABI here decodes', () => {
    expect(decodeRevert(new TypeError('offline'))).toBeUndefined()
    expect(decodeRevert('plain')).toBeUndefined()
    expect(decodeRevert(rpcRevert('0x'))).toBeUndefined()
    expect(decodeRevert(rpcRevert(insufficient))).toBeUndefined()
  })
})
