import { HttpError } from '@openledger/http'
import { describe, expect, test } from 'vitest'
import { parseChatRequest } from './chatRequestSchema.js'

const refusal = (body: unknown) => {
  try {
    parseChatRequest(body)
  } catch (error) {
    expect(error).toBeInstanceOf(HttpError)
    const http = error as HttpError
    return { status: http.status, param: http.param, message: http.shortMessage }
  }
  throw new Error('accepted')
}

describe('parseChatRequest', () => {
  test('takes OpenAI requests, flattens text parts, ignores unknown fields', () => {
    expect(
      parseChatRequest({
        model: 'story-teller',
        messages: [
          { role: 'system', content: 'Be brief.' },
          {
            role: 'user',
            content: [
              { type: 'text', text: 'Hello ' },
              { type: 'text', text: 'there' },
            ],
          },
        ],
        stream: true,
        stream_options: { include_usage: true },
        max_completion_tokens: 12,
        max_tokens: 99,
        logit_bias: { 1: 2 },
        temperature: 0.7,
        stop: '\n\n',
        user: 'thread-1',
      }),
    ).toEqual({
      model: 'story-teller',
      messages: [
        { role: 'system', content: 'Be brief.' },
        { role: 'user', content: 'Hello there' },
      ],
      stream: true,
      includeUsage: true,
      maxTokens: 12,
      temperature: 0.7,
      stop: ['\n\n'],
      user: 'thread-1',
    })
    expect(
      parseChatRequest({ model: 'm', messages: [{ role: 'user', content: 'x' }], stream: null }),
    ).toMatchObject({
      stream: false,
      maxTokens: undefined,
      temperature: undefined,
      stop: undefined,
    })
  })

  test('refuses a malformed request with a 400 naming the field', () => {
    expect(refusal({ model: 'm', messages: [{ role: 'user', content: 3 }] })).toMatchObject({
      status: 400,
      param: 'messages[0].content',
    })
    expect(refusal({ model: 'm', messages: [{ role: 'robot', content: 'x' }] }).param).toBe(
      'messages[0].role',
    )
    expect(refusal({ model: 'm', messages: [] }).param).toBe('messages')
    expect(refusal({ messages: [{ role: 'user', content: 'x' }] }).param).toBe('model')
    expect(refusal({ model: 'm', messages: [{ role: 'user', content: 'x' }], max_tokens: 0 }).param).toBe(
      'max_tokens',
    )
    expect(refusal([1, 2])).toMatchObject({ status: 400, param: null })
    expect(refusal({ model: 'm', messages: [{ role: 'user', content: 3 }] }).message).toMatch(
      /^Invalid messages\[0\]\.content: /,
    )
  })
})
