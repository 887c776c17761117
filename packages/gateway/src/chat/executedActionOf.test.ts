import type { Evidence } from '@openledger/agent-runtime'
import { PendingActionExpiredError, PendingActionNotYoursError } from '@openledger/agent-runtime'
import { HttpError } from '@openledger/http'
import { describe, expect, test } from 'vitest'
import { actionHttpError } from '../routes/actions/actionHttpError.js'
import { executedActionOf } from './executedActionOf.js'

const evidenceOf = (...outputs: (string | undefined)[]) =>
  ({
    toolCalls: outputs.map((output) => ({ name: 't', input: '{}', output, error: undefined })),
    generations: [],
    retrieval: [],
  }) as unknown as Evidence

describe('executedActionOf', () => {
  test('names the action a tool ran, and nothing for other outputs', () => {
    const executedAction = { id: 'act_1', kind: 'transfer', txHash: '0xabc' }
    expect(
      executedActionOf(
        evidenceOf(
          'not json "executedAction"',
          undefined,
          JSON.stringify({ status: 'sent', executedAction }),
        ),
      ),
    ).toEqual(executedAction)
    expect(executedActionOf(evidenceOf(JSON.stringify({ status: 'pending' })))).toBeUndefined()
    expect(executedActionOf(evidenceOf(JSON.stringify({ executedAction: { id: 3 } })))).toBeUndefined()
  })
})

describe('actionHttpError', () => {
  test('an action refusal says why with its status; anything else is left alone', () => {
    const expired = actionHttpError(new PendingActionExpiredError('act_1', '2030-01-01T00:00:00.000Z'))
    expect(expired).toBeInstanceOf(HttpError)
    expect(expired).toMatchObject({ status: 410, code: 'action_expired' })
    expect(actionHttpError(new PendingActionNotYoursError('act_1'))).toMatchObject({
      status: 403,
      code: 'action_not_yours',
    })
    const other = new Error('boom')
    expect(actionHttpError(other)).toBe(other)
  })
})
