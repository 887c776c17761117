import type { WalletRequest } from './route.js'

/** What the answer node writes from the tools: exact figures for the user, a short fact for the adapter. */
export type WalletFigures = {
  /** Sentences with the figures, addresses and hashes exactly as the tools returned them. */
  text: string
  /** One short line for the answer adapter's prompt, as its training rows open (`Sent: 5 OPEN. Left: 5 OPEN.`). */
  fact: string
  /** A failure: the text says what went wrong, and the adapter is not asked to explain it. */
  failed: boolean
}

type Amount = { raw: string; formatted: string; symbol: string }
type ToolError = { error: { code: string; message: string } }
type Sent = { status: 'sent'; txHash: string; from: string; to: string; amount: Amount; remaining: Amount }
type Proposed = {
  status: 'needs_owner_signature'
  safeTxHash: string
  remaining: Amount
  requested: Amount
  resetsAt: string | null
}
type Pending = {
  status: 'pending'
  action: { id: string; expiresAt: string; summary: string }
  amount: Amount
  remaining: Amount
}
type Cancelled = { status: 'cancelled'; action: { id: string; summary: string } }
type Balances = { account: string; balances: Amount[] }
type Allowance = {
  safe: string
  amount: Amount
  spent: Amount
  remaining: Amount
  resetPeriod: number
  resetsAt: string | null
}

const show = (a: Amount) => `${a.formatted} ${a.symbol}`

/** How often an allowance resets, in words. */
export function periodOf(seconds: number): string {
  const named: Record<number, string> = { 3600: 'per hour', 86400: 'per day', 604800: 'per week' }
  if (seconds === 0) return 'once (it does not reset)'
  return named[seconds] ?? `per ${seconds} seconds`
}

function allowanceText(allowance: Allowance | undefined): string {
  if (!allowance) return ''
  if (allowance.amount.raw === '0') return `I have no allowance of ${allowance.amount.symbol} on this Safe.`
  const resets = allowance.resetsAt ? `; it resets at ${allowance.resetsAt}` : ''
  return (
    `My allowance on this Safe is ${show(allowance.amount)} ${periodOf(allowance.resetPeriod)}: ` +
    `${show(allowance.spent)} spent, ${show(allowance.remaining)} left${resets}.`
  )
}

const errorOf = (json: string | undefined) =>
  json ? (JSON.parse(json) as Partial<ToolError>).error : undefined

/**
 * Writes the wallet's answer figures from the tools' JSON results, deterministically: amounts, the Safe, the
 * recipient, transaction and proposal hashes are the tools' own strings.
 */
export function walletFiguresOf(request: WalletRequest, results: Record<string, string>): WalletFigures {
  const failure = Object.entries(results)
    .filter(([name]) => name !== 'datanet_search')
    .map(([, json]) => errorOf(json))
    .find((e) => e !== undefined)
  if (failure) {
    const prefix = failure.code === 'NO_SAFE' ? '' : 'I could not do that: '
    const moving = request.intent === 'transfer' || request.intent === 'confirm'
    const nothing = moving && !/Nothing (?:was|more)/.test(failure.message) ? ' Nothing was sent.' : ''
    return { text: `${prefix}${failure.message}${nothing}`, fact: '', failed: true }
  }
  const allowance = results.wallet_allowance ? (JSON.parse(results.wallet_allowance) as Allowance) : undefined
  if (request.intent === 'transfer') {
    const pending = JSON.parse(results.wallet_propose_transfer!) as Pending
    return {
      text:
        `Nothing has moved yet. ${pending.action.summary} To go ahead, reply "confirm ${pending.action.id}" ` +
        `before ${pending.action.expiresAt}; "cancel ${pending.action.id}" drops it.`,
      fact: `Pending: ${show(pending.amount)}. Left: ${show(pending.remaining)}.`,
      failed: false,
    }
  }
  if (request.intent === 'confirm')
    return confirmedFigures(JSON.parse(results.wallet_confirm!) as Sent | Proposed, allowance)
  if (request.intent === 'cancel') {
    const cancelled = JSON.parse(results.wallet_cancel!) as Cancelled
    return {
      text: `Cancelled ${cancelled.action.id}; nothing was sent. It was: ${cancelled.action.summary}`,
      fact: '',
      failed: false,
    }
  }
  if (request.intent === 'balances') {
    const balances = JSON.parse(results.wallet_balances!) as Balances
    const held = balances.balances.map(show)
    return {
      text: `Your Safe ${balances.account} holds ${held.join(', ')}. ${allowanceText(allowance)}`.trim(),
      fact: `Balances: ${held.join(', ')}.`,
      failed: false,
    }
  }
  if (request.intent === 'allowance' && allowance)
    return {
      text: allowanceText(allowance),
      fact: `Allowance: ${show(allowance.amount)} ${periodOf(allowance.resetPeriod)}. Left: ${show(allowance.remaining)}.`,
      failed: false,
    }
  return { text: '', fact: '', failed: false }
}

function confirmedFigures(result: Sent | Proposed, allowance: Allowance | undefined): WalletFigures {
  if (result.status === 'sent')
    return {
      text:
        `Sent ${show(result.amount)} from your Safe ${result.from} to ${result.to} ` +
        `(transaction ${result.txHash}). ${allowance ? allowanceText(allowance) : `${show(result.remaining)} of my allowance is left.`}`.trim(),
      fact: `Sent: ${show(result.amount)}. Left: ${show(result.remaining)}.`,
      failed: false,
    }
  const resets = result.resetsAt ? `, until ${result.resetsAt}` : ''
  const limit = allowance ? allowanceText(allowance) : `${show(result.remaining)} is left${resets}.`
  return {
    text:
      `Nothing was sent: ${show(result.requested)} is above my spending limit on your Safe. ${limit} ` +
      `I proposed Safe transaction ${result.safeTxHash} instead: the tokens move only once the Safe's owners sign it.`,
    fact: `Proposal: ${show(result.requested)} is over the limit. Left: ${show(result.remaining)}.`,
    failed: false,
  }
}
