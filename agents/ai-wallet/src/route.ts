import { getAddress, isAddress } from 'viem'

/** What a message to the AI wallet asks for, as the routing rules read it. */
export type WalletRequest =
  | { intent: 'transfer'; token: string; amount: string; to: string }
  | { intent: 'balances' }
  | { intent: 'allowance'; token: string }
  | { intent: 'explain' }
  | { intent: 'invalid'; reason: string }

const TOKENS: Record<string, string> = { open: 'OPEN', eth: 'ETH', ether: 'ETH', usdc: 'USDC', weth: 'WETH' }
const SEND = /\b(send|transfer|pay|give|move)\b/i
const AMOUNT_TOKEN = /(?:^|\s)(-?\d+(?:[.,]\d+)?)\s*([a-z]{2,6})?\b/i
const RECIPIENT = /\bto\s+(\S+?)[.,!?]?(?:\s|$)/i
const ANY_HEX = /\b0x[0-9a-z]*\b/i

/**
 * Reads a message by rules (stories260K cannot route or copy parameters): a transfer when it asks to send an
 * amount of a token to an address, the Safe's balances, the agent's allowance, or anything else explained by
 * the answer adapter. A transfer with a missing or malformed amount, token or address is `invalid`, with the
 * reason to tell the user; nothing is sent for it.
 *
 * @example
 * parseWalletRequest('Send 5 OPEN to 0x70997970C51812dc3A010C7d01b50e0d17dc79C8')
 * // { intent: 'transfer', token: 'OPEN', amount: '5', to: '0x70997970C51812dc3A010C7d01b50e0d17dc79C8' }
 */
export function parseWalletRequest(message: string): WalletRequest {
  const text = message.trim()
  if (!text)
    return { intent: 'invalid', reason: 'The message is empty. Ask me to send tokens or for your balances.' }
  if (SEND.test(text) && (AMOUNT_TOKEN.test(text) || ANY_HEX.test(text) || /\bto\b/i.test(text)))
    return transferOf(text)
  // "What is a spending limit?" asks what one is, not what this one holds.
  if (/\bwhat (?:is|are) (?:a|an)\b/i.test(text)) return { intent: 'explain' }
  if (
    /\b(allowance|spending limit|limit|how much (?:\w+ )?(?:can|may) you (?:still )?(?:send|spend|move))\b/i.test(
      text,
    )
  )
    return { intent: 'allowance', token: tokenIn(text) ?? 'OPEN' }
  if (
    /\b(balances?|holdings?|how much (?:\w+ )?(?:do|does) (?:i|my safe|the safe|my wallet) (?:have|hold)|what do i (?:have|hold))\b/i.test(
      text,
    )
  )
    return { intent: 'balances' }
  return { intent: 'explain' }
}

function transferOf(text: string): WalletRequest {
  const amountMatch = AMOUNT_TOKEN.exec(text)
  const amount = amountMatch?.[1]?.replace(',', '.')
  if (!amount)
    return { intent: 'invalid', reason: 'How much should I send? Say it like "Send 5 OPEN to 0x…".' }
  if (amount.startsWith('-') || Number(amount) <= 0)
    return {
      intent: 'invalid',
      reason: `I can only send a positive amount, not ${amount}. Nothing was sent.`,
    }
  const symbol = amountMatch?.[2]
  const token = symbol ? TOKENS[symbol.toLowerCase()] : 'OPEN'
  if (!token && symbol?.toLowerCase() !== 'to')
    return {
      intent: 'invalid',
      reason: `I cannot send ${symbol}: I know OPEN, ETH, USDC and WETH. Nothing was sent.`,
    }
  const recipient = RECIPIENT.exec(text)?.[1] ?? ANY_HEX.exec(text)?.[0]
  if (!recipient)
    return {
      intent: 'invalid',
      reason: 'Who should I send it to? Give an address: 0x followed by 40 hex digits.',
    }
  if (!isAddress(recipient, { strict: false }))
    return {
      intent: 'invalid',
      reason: `${recipient} is not an address: an address is 0x followed by 40 hex digits. Nothing was sent.`,
    }
  return { intent: 'transfer', token: token ?? 'OPEN', amount, to: getAddress(recipient) }
}

const tokenIn = (text: string) => {
  const found = /\b(open|eth|ether|usdc|weth)\b/i.exec(text)?.[1]
  return found ? TOKENS[found.toLowerCase()] : undefined
}

/** `0x7099…79C8`: addresses cost 43 tokens of stories260K's 512-token context; the adapter sees them short. */
export function shortAddresses(text: string): string {
  return text.replace(/0x[0-9a-fA-F]{40}\b/g, (a) => `${a.slice(0, 6)}…${a.slice(-4)}`)
}
