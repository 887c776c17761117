import { receiptSchema } from '@openledger/attribution'
import { z } from 'zod'
import { chatRequestSchema } from '../chat/chatRequestSchema.js'

const json = (schema: object) => ({ 'application/json': { schema } })
const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` })
const error = (description: string) => ({ description, content: json(ref('Error')) })
const wei = { type: 'string', pattern: '^\\d+$', description: 'wei of OPEN, decimal' }
const hex32 = { type: 'string', pattern: '^0x[0-9a-fA-F]{64}$' }
const address = { type: 'string', pattern: '^0x[0-9a-fA-F]{40}$' }
const str = { type: 'string' }

const attribution = {
  type: 'object',
  required: [
    'receiptId',
    'kind',
    'chainId',
    'feeRouter',
    'baseModel',
    'agentId',
    'fee',
    'payer',
    'noEvidence',
    'adapters',
    'contributors',
    'rows',
    'spans',
    'receiptUrl',
  ],
  properties: {
    receiptId: hex32,
    kind: { const: 'answer', description: 'what was charged (receipt version 2)' },
    chainId: { type: 'string', pattern: '^\\d+$', description: 'the chain the fee is charged on, decimal' },
    feeRouter: { ...address, description: 'the FeeRouter that charges it' },
    baseModel: { ...hex32, description: 'sha256 of the weights of the base model that answered' },
    agentId: { type: 'string', description: 'on-chain agent id, decimal' },
    fee: wei,
    payer: address,
    noEvidence: { type: 'boolean' },
    adapters: { type: 'array', items: { type: 'object', properties: { id: str, sha256: hex32 } } },
    contributors: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          contributor: address,
          share: { ...wei, description: '1e18 fixed point' },
          percent: { type: 'number' },
        },
      },
    },
    rows: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          datanetId: str,
          rowId: hex32,
          contributor: address,
          weight: wei,
          method: str,
          text: str,
        },
      },
    },
    spans: {
      type: 'array',
      items: {
        type: 'object',
        description: 'start/end: character offsets into the answer',
        properties: {
          datanetId: str,
          rowId: hex32,
          start: { type: 'integer' },
          end: { type: 'integer' },
          text: str,
        },
      },
    },
    receiptUrl: str,
  },
}

/** The gateway's OpenAPI 3.1 document (served at `/openapi.json`). */
export function openApiDocument(): object {
  const secured = [{ apiKey: [] }]
  return {
    openapi: '3.1.0',
    info: {
      title: 'OpenLedger Agents gateway',
      version: '0.1.0',
      description:
        'OpenAI-compatible chat completions for payable agents (model = agent id), with Proof-of-Attribution receipts.',
    },
    components: {
      securitySchemes: {
        apiKey: {
          type: 'http',
          scheme: 'bearer',
          description: 'An `ol_…` key from `openledger apikey create`.',
        },
      },
      schemas: {
        ChatCompletionRequest: z.toJSONSchema(chatRequestSchema, { io: 'input', unrepresentable: 'any' }),
        Attribution: attribution,
        Receipt: {
          ...z.toJSONSchema(receiptSchema, { io: 'input', unrepresentable: 'any' }),
          description:
            'A Proof-of-Attribution receipt: version 2 (what the gateway issues) or 1 (no version key), bigints as decimal strings; verify with verifyReceipt(receiptFromJson(receipt), proof, root) from @openledger/attribution.',
        },
        ChatCompletion: {
          type: 'object',
          properties: {
            id: str,
            object: { const: 'chat.completion' },
            created: { type: 'integer' },
            model: str,
            choices: {
              type: 'array',
              items: {
                type: 'object',
                properties: {
                  index: { type: 'integer' },
                  message: { type: 'object', properties: { role: { const: 'assistant' }, content: str } },
                  finish_reason: str,
                },
              },
            },
            usage: {
              type: 'object',
              properties: {
                prompt_tokens: { type: 'integer' },
                completion_tokens: { type: 'integer' },
                total_tokens: { type: 'integer' },
              },
            },
            attribution: ref('Attribution'),
          },
        },
        Error: {
          type: 'object',
          properties: {
            error: {
              type: 'object',
              properties: {
                message: str,
                type: str,
                param: { type: ['string', 'null'] },
                code: { type: ['string', 'null'] },
                request_id: str,
              },
            },
          },
        },
      },
    },
    paths: {
      '/v1/chat/completions': {
        post: {
          summary:
            'Ask an agent; `stream: true` answers as SSE `chat.completion.chunk`s, the last with `attribution`.',
          security: secured,
          parameters: [
            {
              name: 'X-OpenLedger-Thread',
              in: 'header',
              required: false,
              schema: str,
              description:
                'A conversation thread (per key and agent) kept by the gateway; send only the new messages.',
            },
            {
              name: 'X-Request-Id',
              in: 'header',
              required: false,
              schema: str,
              description: 'Kept when 8–128 of A-Za-z0-9._:- ; echoed on every response and in error bodies.',
            },
          ],
          requestBody: { required: true, content: json(ref('ChatCompletionRequest')) },
          responses: {
            200: {
              description: 'The answer (JSON), or an event stream of chunks ending with `data: [DONE]`.',
              content: { ...json(ref('ChatCompletion')), 'text/event-stream': { schema: str } },
            },
            400: error('A malformed request; `param` names the field.'),
            401: error('A missing, unknown or revoked API key.'),
            402: error("The key's account cannot pay the agent's fee."),
            403: error('The agent is not active (stake below the minimum, slashed, paused).'),
            404: error('No agent by that model id.'),
            413: error('The body is over the limit.'),
            429: error('Rate limited; see Retry-After.'),
            503: error('The model host is unreachable; see Retry-After. Nothing was charged.'),
          },
        },
      },
      '/v1/models': {
        get: {
          summary: 'The agents served, as OpenAI models.',
          responses: { 200: { description: 'A list.' }, 401: error('Bad key.') },
        },
      },
      '/v1/agents/{id}': {
        get: {
          summary: 'An agent: fee, stake, whether it may serve, adapters, datanets, tools.',

          parameters: [{ name: 'id', in: 'path', required: true, schema: str }],
          responses: { 200: { description: 'The agent.' }, 404: error('No such agent.') },
        },
      },
      '/v1/receipts/{id}': {
        get: {
          summary:
            'A receipt, its status and epoch, and once settled its Merkle proof against the on-chain receipts root.',

          parameters: [{ name: 'id', in: 'path', required: true, schema: hex32 }],
          responses: {
            200: {
              description: 'The receipt.',
              content: json({
                type: 'object',
                properties: {
                  id: hex32,
                  object: { const: 'receipt' },
                  status: {
                    enum: ['queued', 'metered', 'built', 'sent', 'posted', 'final', 'vetoed', 'unfunded'],
                  },
                  agentId: str,
                  epoch: { type: ['string', 'null'] },
                  receipt: ref('Receipt'),
                  receiptsRoot: { oneOf: [hex32, { type: 'null' }] },
                  root: { oneOf: [hex32, { type: 'null' }] },
                  proof: { oneOf: [{ type: 'array', items: hex32 }, { type: 'null' }] },
                },
              }),
            },
            404: error('No such receipt.'),
          },
        },
      },
      '/v1/epochs/{epoch}': {
        get: {
          summary:
            "A posted epoch's published receipts (public, no key): recompute its postEpoch call with `openledger epoch verify`.",
          parameters: [
            { name: 'epoch', in: 'path', required: true, schema: { type: 'string', pattern: '^[1-9]\\d*$' } },
          ],
          responses: {
            200: {
              description:
                'The epoch, its receipts root as posted, its status and its receipts in receipt-id order.',
              content: json({
                type: 'object',
                required: ['epoch', 'receiptsRoot', 'status', 'receipts'],
                properties: {
                  epoch: { type: 'string', description: 'decimal' },
                  receiptsRoot: hex32,
                  status: { enum: ['posted', 'final', 'vetoed'] },
                  receipts: {
                    type: 'array',
                    items: {
                      type: 'object',
                      required: ['agentId', 'receipt'],
                      properties: {
                        agentId: { type: 'string', description: 'on-chain agent id, decimal' },
                        receipt: ref('Receipt'),
                      },
                    },
                  },
                },
              }),
            },
            404: error('No such epoch posted.'),
          },
        },
      },
      '/v1/actions': {
        get: {
          summary:
            "The caller's account's pending value actions (transfers an agent proposed), newest first.",
          security: secured,
          parameters: [
            {
              name: 'status',
              in: 'query',
              required: false,
              schema: { enum: ['pending', 'executing', 'done', 'failed', 'cancelled'] },
            },
          ],
          responses: {
            200: { description: 'A list of actions.' },
            400: error('Unknown status.'),
            401: error('Bad key.'),
          },
        },
      },
      '/v1/actions/{id}/confirm': {
        post: {
          summary:
            "Runs the account's pending action once, as the proposing agent's answer to `confirm <id>` (charged and attributed; its receipt has kind `action`).",
          security: secured,
          parameters: [{ name: 'id', in: 'path', required: true, schema: str }],
          responses: {
            200: {
              description: 'A chat.completion with its attribution, naming the action and its transaction.',
            },
            403: error('Another account’s action.'),
            404: error('No such action.'),
            409: error('Already run or cancelled.'),
            410: error('Expired.'),
          },
        },
      },
      '/v1/actions/{id}/cancel': {
        post: {
          summary: "Cancels the account's pending action.",
          security: secured,
          parameters: [{ name: 'id', in: 'path', required: true, schema: str }],
          responses: {
            200: { description: 'The action, cancelled.' },
            403: error('Another account’s action.'),
            404: error('No such action.'),
            409: error('Already run or cancelled.'),
            410: error('Expired.'),
          },
        },
      },
      '/v1/fine-tunes': {
        post: {
          summary:
            'A ModelFactory fine-tune (when enabled): bounded in steps and rows, priced per step (held up front, metered as a `fine-tune` receipt on completion).',
          security: secured,
          responses: {
            201: { description: 'Queued.' },
            400: error('A field out of bounds.'),
            402: error('The payer cannot cover steps × fee per step.'),
            422: error('The datanet holds more rows than allowed.'),
          },
        },
      },
      '/v1/fine-tunes/{id}': {
        get: {
          summary: 'A fine-tune job of the caller’s key (any other key gets 404).',
          security: secured,
          parameters: [{ name: 'id', in: 'path', required: true, schema: str }],
          responses: { 200: { description: 'The job.' }, 404: error('No such job for this key.') },
        },
      },
      '/v1/fine-tunes/{id}/events': {
        get: {
          summary: 'The job’s progress as Server-Sent Events (the creating key only).',
          security: secured,
          parameters: [{ name: 'id', in: 'path', required: true, schema: str }],
          responses: { 200: { description: 'text/event-stream' }, 404: error('No such job for this key.') },
        },
      },
      '/v1/fine-tunes/{id}/cancel': {
        post: {
          summary: 'Cancels the job (the creating key only); a cancelled job is charged nothing.',
          security: secured,
          parameters: [{ name: 'id', in: 'path', required: true, schema: str }],
          responses: { 200: { description: 'The job, cancelled.' }, 404: error('No such job for this key.') },
        },
      },
      '/health': {
        get: {
          summary: 'Whether the model host answers.',
          responses: { 200: { description: 'ok' }, 503: { description: 'unavailable' } },
        },
      },
      '/metrics': {
        get: {
          summary: 'Prometheus metrics (loopback clients only by default, or on a port of their own).',
          responses: { 200: { description: 'text/plain' } },
        },
      },
      '/openapi.json': {
        get: { summary: 'This document.', responses: { 200: { description: 'OpenAPI 3.1' } } },
      },
    },
  }
}
