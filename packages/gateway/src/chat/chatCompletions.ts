import { type RunAgentReturnType, runAgent, type ServedAgent } from '@openledger/agent-runtime'
import type { Receipt } from '@openledger/attribution'
import { enqueueUsage } from '@openledger/settlement'
import type { Request, Response } from 'express'
import type { Address, Hex } from 'viem'
import type { GatewayContext } from '../GatewayContext.js'
import { apiKeyOf } from '../http/authenticate.js'
import { HttpError } from '../http/HttpError.js'
import { requestIdOf } from '../http/requestId.js'
import { openEventStream } from '../http/sse.js'
import { attributeRun } from './attributeRun.js'
import { type ChatRequest, parseChatRequest } from './chatRequestSchema.js'
import { holdFee } from './gate.js'
import { hostUnreachable } from './hostUnreachable.js'

const MAX_QUEUED = 10_000

/**
 * `POST /v1/chat/completions`: validate, find the agent (`model`), gate (agent active: 403; payer's balance:
 * 402), run the agent (streaming the answer role's tokens as SSE when asked), attribute the answer, meter it
 * into the settlement queue, and answer in OpenAI's shape plus `attribution`. Nothing is metered for a refused
 * or failed answer; an unreachable model host is a 503 with `Retry-After`.
 */
export function chatCompletions(context: GatewayContext) {
  const agents = new Map(context.agents.map((served) => [served.agent.id, served]))
  return async (request: Request, response: Response) => {
    const started = performance.now()
    const chat = parseChatRequest(request.body)
    const served = agents.get(chat.model)
    if (!served)
      throw new HttpError(
        404,
        `No model "${chat.model}": the models are the agents listed at GET /v1/models.`,
        {
          param: 'model',
          code: 'model_not_found',
        },
      )
    const { agent, agentId } = served
    const payer = apiKeyOf(response).account
    const fee = agent.feeWei
    await context.agentGate.check(served).catch((error) => {
      context.metrics.refusals.inc({ agent: agent.id, reason: 'agent_inactive' })
      throw error
    })
    const hold = await holdFee({ ...context, payer, fee, agentId: agent.id }).catch((error) => {
      context.metrics.refusals.inc({ agent: agent.id, reason: 'insufficient_balance' })
      throw error
    })
    const abort = new AbortController()
    response.on('close', () => {
      if (!response.writableFinished) abort.abort()
    })
    const id = `chatcmpl-${requestIdOf(response).replace(/^req_/, '').slice(0, 32)}`
    const created = Math.floor(Date.now() / 1000)
    const chunk = (delta: object, finish: string | null, extra: object = {}) => ({
      id,
      object: 'chat.completion.chunk',
      created,
      model: agent.id,
      choices: [{ index: 0, delta, logprobs: null, finish_reason: finish }],
      ...extra,
    })
    // The event stream opens with the first token, so a refusal before it is still a plain HTTP error.
    let stream: ReturnType<typeof openEventStream> | undefined
    const openStream = () => {
      if (!stream) {
        stream = openEventStream(response)
        stream.send(chunk({ role: 'assistant', content: '' }, null))
      }
      return stream
    }
    try {
      const modelStarted = performance.now()
      let streamed = ''
      const run = await runServed(context, served, chat, payer, request, abort.signal, (token) => {
        streamed += token
        openStream().send(chunk({ content: token }, null))
      })
      // The caller must end up with exactly the answer the receipt hashes: send what the stream left out.
      if (chat.stream && run.answer !== streamed) {
        if (run.answer.startsWith(streamed))
          openStream().send(chunk({ content: run.answer.slice(streamed.length) }, null))
        else
          context.onError(
            new Error(`agent ${agent.id} streamed text that is not the start of its answer`),
            requestIdOf(response),
          )
      }
      const modelSeconds = (performance.now() - modelStarted) / 1000
      const attributed = await attributeRun({
        ...context,
        datanets: agent.datanets.map((datanetId) => ({
          chainId: context.connection.chainId,
          registry: context.manifest.contracts.DatanetRegistry,
          datanetId,
        })),
        answer: run.answer,
        evidence: run.evidence,
        agentId,
        fee,
        payer,
        requestId: requestIdOf(response),
      })
      await enqueueUsage(context.usage, { receipt: attributed.receipt, agentId })
      context.reservations.metered(payer, hold, attributed.receiptId)
      remember(context, attributed.receiptId, attributed.receipt, agentId)
      const promptTokens = context.tokenizer.encode(chat.messages.map((m) => m.content).join('\n')).length
      const usage = {
        prompt_tokens: promptTokens,
        completion_tokens: attributed.answerTokens.length,
        total_tokens: promptTokens + attributed.answerTokens.length,
      }
      const { metrics } = context
      metrics.debits.inc({ agent: agent.id }, Number(fee))
      metrics.tokens.inc({ agent: agent.id, kind: 'prompt' }, usage.prompt_tokens)
      metrics.tokens.inc({ agent: agent.id, kind: 'completion' }, usage.completion_tokens)
      const total = (performance.now() - started) / 1000
      metrics.answerSeconds.observe({ agent: agent.id, stream: String(chat.stream) }, total)
      metrics.modelSeconds.observe({ agent: agent.id }, modelSeconds)
      metrics.overheadSeconds.observe({ agent: agent.id }, Math.max(0, total - modelSeconds))
      if (!stream) {
        response.setHeader('X-OpenLedger-Receipt', attributed.receiptId)
        // The agent run's share of the answer time: the rest is the gateway's own overhead.
        response.setHeader('X-OpenLedger-Model-Ms', (modelSeconds * 1000).toFixed(1))
      }
      if (chat.stream) {
        const events = openStream()
        events.send(chunk({}, 'stop', { attribution: attributed.attribution }))
        if (chat.includeUsage) events.send({ ...chunk({}, null), choices: [], usage })
        events.send('[DONE]')
        events.end()
        return
      }
      response.json({
        id,
        object: 'chat.completion',
        created,
        model: agent.id,
        choices: [
          {
            index: 0,
            message: { role: 'assistant', content: run.answer, refusal: null },
            logprobs: null,
            finish_reason: 'stop',
          },
        ],
        usage,
        attribution: attributed.attribution,
      })
    } catch (error) {
      context.reservations.release(payer, hold)
      const http = failure(error, agent.id)
      if (!stream) throw http
      // Mid-stream: the status is sent; say what failed in the stream, and charge nothing.
      if (http.status >= 500 && http.status !== 503) context.onError(error, requestIdOf(response))
      stream.send(http.body(requestIdOf(response)))
      stream.end()
    }
  }
}

function runServed(
  context: GatewayContext,
  served: ServedAgent,
  chat: ChatRequest,
  payer: Address,
  request: Request,
  signal: AbortSignal,
  onToken: (token: string) => void,
): Promise<RunAgentReturnType> {
  const thread = request.get('x-openledger-thread') ?? chat.user
  return served.tools({ payer }).then((tools) =>
    runAgent({
      agent: served.agent,
      client: context.client,
      baseModel: context.baseModel,
      tools,
      messages: chat.messages,
      maxTokens: chat.maxTokens ?? context.limits?.maxTokens ?? 128,
      ...(chat.temperature === undefined ? {} : { temperature: chat.temperature }),
      ...(chat.stop?.length ? { stop: chat.stop } : {}),
      signal,
      ...(chat.stream ? { onToken } : {}),
      ...(context.checkpointer && thread
        ? { checkpointer: context.checkpointer, threadId: `${payer}:${served.agent.id}:${thread}` }
        : {}),
    }),
  )
}

function failure(error: unknown, agentId: string): HttpError {
  if (error instanceof HttpError) return error
  if (hostUnreachable(error))
    return new HttpError(
      503,
      `The model host is unreachable; ${agentId} cannot answer now. Nothing was charged; retry shortly.`,
      {
        code: 'model_host_unavailable',
        headers: { 'Retry-After': '5' },
        cause: error,
      },
    )
  return new HttpError(
    500,
    `${agentId} failed to answer; nothing was charged. Quote the request id when reporting it.`,
    {
      type: 'server_error',
      code: 'agent_failed',
      cause: error,
    },
  )
}

function remember(context: GatewayContext, receiptId: Hex, receipt: Receipt, agentId: bigint) {
  context.queued.set(receiptId, { receipt, agentId })
  if (context.queued.size > MAX_QUEUED) {
    const oldest = context.queued.keys().next().value
    if (oldest) context.queued.delete(oldest)
  }
}
