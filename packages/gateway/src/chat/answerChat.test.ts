import type { ServedAgent } from '@openledger/agent-runtime'
import { HttpError } from '@openledger/http'
import type { Response } from 'express'
import { beforeEach, describe, expect, test, vi } from 'vitest'
import type { GatewayContext } from '../GatewayContext.js'
import { createGatewayMetrics } from '../metrics/createGatewayMetrics.js'
import { fakeResponse } from '../testing/fakeResponse.js'
import { answerChat, type ChatCall } from './answerChat.js'
import { BaseModelHashUnknownError } from './BaseModelHashUnknownError.js'
import type { ChatRequest } from './chatRequestSchema.js'

// Fakes (unit test): the agent run and the metering are scripted; answerChat's own logic is what is tested.
const script = vi.hoisted(() => ({
  tokens: [] as string[],
  answer: '',
  failAfterTokens: undefined as Error | undefined,
  baseModelUnknown: undefined as Error | undefined,
}))
vi.mock('./runChatAgent.js', () => ({
  runChatAgent: async (
    _context: unknown,
    parameters: { onToken: (token: string) => void; chat: ChatRequest },
  ) => {
    if (parameters.chat.stream) for (const token of script.tokens) parameters.onToken(token)
    if (script.failAfterTokens) throw script.failAfterTokens
    return { answer: script.answer, evidence: { generations: [], retrievals: [], toolCalls: [] } }
  },
}))
vi.mock('./baseModelSha256.js', () => ({
  baseModelSha256: async () => {
    if (script.baseModelUnknown) throw script.baseModelUnknown
    return `0x${'ba'.repeat(32)}`
  },
}))
vi.mock('./meterAnswer.js', () => ({
  meterAnswer: async () => ({
    receiptId: '0xabc',
    receipt: {},
    attribution: { receiptId: '0xabc' },
    answerTokens: [1, 2, 3],
  }),
}))

const served = { agent: { id: 'story-teller', feeWei: 10n }, agentId: 1n } as unknown as ServedAgent
const chat = (stream: boolean): ChatRequest => ({
  model: 'story-teller',
  messages: [{ role: 'user', content: 'Hi' }],
  stream,
  includeUsage: false,
  maxTokens: undefined,
  temperature: undefined,
  stop: undefined,
  user: undefined,
})

let released: symbol[]
let reported: unknown[]
const context = () =>
  ({
    metrics: createGatewayMetrics(),
    tokenizer: { encode: (text: string) => [...text] },
    reservations: { release: (_payer: unknown, hold: symbol) => released.push(hold) },
    onError: (error: unknown) => reported.push(error),
  }) as unknown as GatewayContext
const hold = Symbol('hold')
const call = (response: Response, stream: boolean): ChatCall => ({
  response,
  chat: chat(stream),
  served,
  payer: '0x0000000000000000000000000000000000000001',
  hold,
  thread: undefined,
  started: performance.now(),
})

beforeEach(() => {
  Object.assign(script, {
    tokens: [],
    answer: 'Once upon a time',
    failAfterTokens: undefined,
    baseModelUnknown: undefined,
  })
  released = []
  reported = []
})

describe('answerChat', () => {
  test('answers JSON with the receipt header and usage; the hold is kept (metered)', async () => {
    const fake = fakeResponse()
    await answerChat(context(), call(fake.response, false))
    expect(fake.json()).toMatchObject({
      id: 'chatcmpl-0123456789abcdef0123456789abcdef',
      object: 'chat.completion',
      choices: [{ message: { role: 'assistant', content: 'Once upon a time' }, finish_reason: 'stop' }],
      usage: { completion_tokens: 3 },
      attribution: { receiptId: '0xabc' },
    })
    expect(fake.headers['X-OpenLedger-Receipt']).toBe('0xabc')
    expect(released).toEqual([])
  })

  test('streams the tokens, what they left out, then stop with the attribution and [DONE]', async () => {
    script.tokens = ['Once', ' upon']
    const fake = fakeResponse()
    await answerChat(context(), call(fake.response, true))
    const events = fake.events()
    const content = events
      .slice(1, -2)
      .map((e: { choices: { delta: { content: string } }[] }) => e.choices[0]!.delta.content)
    expect(content.join('')).toBe('Once upon a time')
    expect(events.at(-2)).toMatchObject({
      choices: [{ finish_reason: 'stop' }],
      attribution: { receiptId: '0xabc' },
    })
    expect(events.at(-1)).toBe('[DONE]')
    expect(fake.headers['X-OpenLedger-Receipt']).toBeUndefined()
    expect(reported).toEqual([])
  })

  test('reports a stream that is not the start of the answer, and still finishes', async () => {
    script.tokens = ['Twice']
    const fake = fakeResponse()
    await answerChat(context(), call(fake.response, true))
    expect(reported).toMatchObject([{ name: 'StreamedAnswerMismatchError', agentId: 'story-teller' }])
    expect(fake.events().at(-1)).toBe('[DONE]')
  })

  test('a failure before the stream opened is thrown as a 500 agent_failed; the hold is released', async () => {
    script.failAfterTokens = new Error('secret: the graph blew up')
    const fake = fakeResponse()
    const error = await answerChat(context(), call(fake.response, true)).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(HttpError)
    expect(error).toMatchObject({ status: 500, code: 'agent_failed' })
    expect(released).toEqual([hold])
    expect(reported).toEqual([]) // the final error handler reports it
    expect(fake.events()).toEqual([])
  })

  test('a host that does not report its base model hash answers nothing: 500 before any token, hold released', async () => {
    script.tokens = ['Once']
    script.baseModelUnknown = new BaseModelHashUnknownError('stories260K', 'GET /v1/models does not list it')
    const fake = fakeResponse()
    const error = await answerChat(context(), call(fake.response, true)).catch((e: unknown) => e)
    expect(error).toMatchObject({ status: 500, code: 'agent_failed', cause: script.baseModelUnknown })
    expect(released).toEqual([hold])
    expect(fake.events()).toEqual([])
  })

  test('a failure mid-stream is the last event, with the request id; it is reported, the hold released', async () => {
    script.tokens = ['Once']
    script.failAfterTokens = new Error('secret: the graph blew up')
    const fake = fakeResponse()
    await answerChat(context(), call(fake.response, true))
    const last = fake.events().at(-1)
    expect(last).toEqual({
      error: {
        message:
          'story-teller failed to answer; nothing was charged. Quote the request id when reporting it.',
        type: 'server_error',
        param: null,
        code: 'agent_failed',
        request_id: 'req_0123456789abcdef0123456789abcdef',
      },
    })
    expect(JSON.stringify(last)).not.toContain('secret')
    expect(released).toEqual([hold])
    expect(reported).toMatchObject([{ message: 'secret: the graph blew up' }])
  })
})
