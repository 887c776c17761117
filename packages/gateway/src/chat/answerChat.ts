import type { ServedAgent } from '@openledger/agent-runtime'
import { abortOnClose, isServerFault, openAiErrorBody, requestIdOf } from '@openledger/http'
import type { Response } from 'express'
import type { Address } from 'viem'
import type { GatewayContext } from '../GatewayContext.js'
import type { AttributeRunReturnType } from './attributeRun.js'
import { baseModelSha256 } from './baseModelSha256.js'
import { type ChatCompletionMeta, ChatEventStream } from './ChatEventStream.js'
import { chatFailure } from './chatFailure.js'
import type { ChatRequest } from './chatRequestSchema.js'
import { type ChatUsage, chatUsage } from './chatUsage.js'
import { meterAnswer } from './meterAnswer.js'
import { recordChatMetrics } from './recordChatMetrics.js'
import { runChatAgent } from './runChatAgent.js'
import { StreamedAnswerMismatchError } from './StreamedAnswerMismatchError.js'
import { sendChatCompletion } from './sendChatCompletion.js'

/** A gated chat request: its fee is held. */
export type ChatCall = {
  response: Response
  chat: ChatRequest
  served: ServedAgent
  payer: Address
  /** The fee's hold from `gateChat`. */
  hold: symbol
  thread: string | undefined
  /** `performance.now()` when the request arrived. */
  started: number
}

/**
 * Answers a gated chat request: runs the agent (streaming its tokens when asked), meters the answer, counts
 * it, and sends it as JSON or as the stream's last chunks. A failure releases the fee's hold (nothing is
 * charged): thrown as an HTTP error before the stream opened, else sent as the stream's last event.
 *
 * @example
 * await answerChat(context, { response, chat, served, payer, hold, thread, started })
 */
export async function answerChat(context: GatewayContext, call: ChatCall): Promise<void> {
  const { response, chat, served, payer, hold } = call
  const signal = abortOnClose(response)
  const requestId = requestIdOf(response)
  const meta = completionMeta(requestId, served.agent.id)
  const stream = new ChatEventStream(response, meta)
  try {
    // Known before the run (asked once per host): a receipt must name the base model that answers.
    const baseModel = await baseModelSha256(context)
    const modelStarted = performance.now()
    const run = await runChatAgent(context, { ...call, signal, onToken: stream.token })
    // The caller must end up with exactly the answer the receipt hashes: send what the stream left out.
    if (chat.stream && !stream.catchUp(run.answer))
      context.onError(new StreamedAnswerMismatchError(served.agent.id), requestId)
    const modelSeconds = (performance.now() - modelStarted) / 1000
    const attributed = await meterAnswer(context, { ...call, ...run, requestId, baseModel })
    const usage = chatUsage(context.tokenizer, chat, attributed.answerTokens.length)
    recordChatMetrics(context.metrics, {
      agent: served.agent.id,
      fee: served.agent.feeWei,
      usage,
      stream: chat.stream,
      totalSeconds: (performance.now() - call.started) / 1000,
      modelSeconds,
    })
    deliver(call, stream, { meta, answer: run.answer, usage, attributed, modelSeconds })
  } catch (error) {
    context.reservations.release(payer, hold)
    const http = chatFailure(error, served.agent.id)
    if (!stream.opened) throw http
    // Mid-stream: the status is sent; say what failed in the stream, and charge nothing.
    if (isServerFault(http)) context.onError(error, requestId)
    stream.fail(openAiErrorBody(http, requestId))
  }
}

type Answered = {
  meta: ChatCompletionMeta
  answer: string
  usage: ChatUsage
  attributed: AttributeRunReturnType
  modelSeconds: number
}

function deliver({ response, chat }: ChatCall, stream: ChatEventStream, answered: Answered): void {
  const { attributed, modelSeconds } = answered
  if (!stream.opened) {
    response.setHeader('X-OpenLedger-Receipt', attributed.receiptId)
    // The agent run's share of the answer time: the rest is the gateway's own overhead.
    response.setHeader('X-OpenLedger-Model-Ms', (modelSeconds * 1000).toFixed(1))
  }
  if (chat.stream) stream.finish(attributed.attribution, chat.includeUsage ? answered.usage : undefined)
  else sendChatCompletion(response, { ...answered, attribution: attributed.attribution })
}

function completionMeta(requestId: string, model: string): ChatCompletionMeta {
  const id = `chatcmpl-${requestId.replace(/^req_/, '').slice(0, 32)}`
  return { id, created: Math.floor(Date.now() / 1000), model }
}
