import type { Action } from './actions.js'
import type { Model } from './model.js'
import type { ProtocolHarness } from './protocolHarness.js'
import type { RegistryAction } from './registryActions.js'
import { runFeeRouterAction } from './runFeeRouterAction.js'
import { runRegistryAction } from './runRegistryAction.js'
import { runStakingAction } from './runStakingAction.js'
import { runUnauthorized } from './runUnauthorized.js'

/**
 * Runs one generated action as real transactions on the devnet, asserting its outcome, and keeps the model
 * in step with what succeeded.
 *
 * @example
 * await runAction(harness, model, { kind: 'passTime', hours: 24n })
 */
export async function runAction(
  h: ProtocolHarness,
  model: Model,
  action: Action | RegistryAction,
): Promise<void> {
  switch (action.kind) {
    case 'commitAdapter':
    case 'registerAdapter':
    case 'revokeAdapter':
    case 'reassignAdapter':
      return runRegistryAction(h, model, action)
    case 'passTime':
      return passTime(h, model, action.hours)
    case 'withdraw':
      if (action.wait) await passTime(h, model, 192n)
      return runStakingAction(h, model, action)
    case 'expire':
      if (action.wait) await passTime(h, model, 15n * 24n)
      return runStakingAction(h, model, action)
    case 'finalize':
      if (action.wait) await passTime(h, model, 1n)
      return runFeeRouterAction(h, model, action)
    case 'withdrawPrepaid':
      if (action.wait) await passTime(h, model, 24n)
      return runFeeRouterAction(h, model, action)
    case 'deposit':
    case 'authorize':
    case 'requestWithdrawal':
    case 'post':
    case 'veto':
    case 'refund':
    case 'claim':
    case 'bond':
      return runFeeRouterAction(h, model, action)
    case 'unauthorized':
      return runUnauthorized(h, model, action.caller, action.call)
    default:
      return runStakingAction(h, model, action)
  }
}

/** Moves the chain's clock and the model's by whole hours, mining a block. */
async function passTime(h: ProtocolHarness, model: Model, hours: bigint) {
  await h.devnet.testClient.increaseTime({ seconds: Number(hours * 3600n) })
  await h.devnet.testClient.mine({ blocks: 1 })
  model.clock += hours * 3600n
}
