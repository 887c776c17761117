import { provisionStatePath, readProvisionState } from '@openledger/provision'
import type { Address } from 'viem'
import type { Context } from '../../context.js'
import { NoSpendingLimitModuleError } from './errors.js'

/** The SpendingLimitModule this stack deployed; `NoSpendingLimitModuleError` when it deployed none. */
export function stackModule(context: Context, chainId: number, openToken: Address): Address {
  const state = readProvisionState(
    provisionStatePath(context.env.OPENLEDGER_HOME, chainId),
    chainId,
    openToken,
  )
  if (!state.spendingLimitModule) throw new NoSpendingLimitModuleError()
  return state.spendingLimitModule.address
}
