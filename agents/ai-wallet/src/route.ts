import { type Address, getAddress, isAddress } from 'viem'

/** What a message to the AI wallet asks for, as its grammar reads it. */
export type WalletRequest =
  | { intent: 'transfer'; token: string; amount: string; to: Address }
  | { intent: 'confirm'; id: string }
  | { intent: 'cancel'; id: string }
  | { intent: 'balances' }
  | { intent: 'allowance'; token: string }
  | { intent: 'explain' }
  | { intent: 'invalid'; reason: string }

const TOKENS: Record<string, string> = { open: 'OPEN', eth: 'ETH', ether: 'ETH', usdc: 'USDC', weth: 'WETH' }
const KNOWN = 'OPEN, ETH, USDC and WETH'
const EXAMPLE = `Say it like "Send 5 OPEN to 0x…".`
const NOTHING = 'Nothing was proposed and nothing was sent.'
const ACTION_ID = /^act_[0-9a-f]{32}$/
const VERB = /^(?:please\s+)?(?:send|transfer|pay|give)\b/i
const SEND_WORD = /\b(?:send|sending|sent|transfer|transferring|pay|paying|give|giving|move|moving)\b/i
const QUESTION =
  /^(?:how|what|what's|why|when|where|who|which|can|could|should|would|will|is|are|do|does|did|may|might)\b/i
const NEGATION = /\b(?:not|never|no|don't|dont|do not|doesn't|won't|stop|without)\b|n't\b/i
const CONDITION =
  /\b(?:if|unless|when|whenever|would|suppose|imagine|hypothetically|maybe|once|after|before)\b/i
const HEX_WORD = /\b0x[0-9a-z]*/gi
const NUMBER = /(?<![\w.])-?\d[\d,._]*/g
/** The whole sentence, after an optional "please" and a final "." or "!": verb, amount, token, "to", address. */
const AMOUNT_FIRST =
  /^(?:please\s+)?(?:send|transfer|pay|give)\s+(\S+)\s+(\S+)\s+to\s+(\S+?)(?:\s+please)?\s*[.!]?$/i
/** The other imperative order: verb, address, amount, token ("Pay 0x… 7 USDC"). */
const ADDRESS_FIRST =
  /^(?:please\s+)?(?:send|transfer|pay|give)\s+(0x\S+)\s+(\S+)\s+(\S+?)(?:\s+please)?\s*[.!]?$/i

const escaped = (literal: string) => literal.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
const readsAs = (what: string) =>
  `I move tokens only on a plain instruction such as "Send 5 OPEN to 0x…"; this reads as ${what}. ${NOTHING}`
const invalid = (reason: string): WalletRequest => ({ intent: 'invalid', reason })

/**
 * Reads a message by a strict grammar (stories260K cannot route or copy parameters). A transfer is only an
 * imperative sentence with one amount, its known token and one recipient: "Send 5 OPEN to 0x…" (or "Pay 0x… 5
 * OPEN"); it becomes a pending action for the user to confirm, never a transfer by itself. Negations, questions,
 * conditions and descriptions are never transfers; several recipients or amounts, an amount without its token,
 * an unknown token, a malformed address or a mixed-case address with a wrong EIP-55 checksum are `invalid`,
 * with the reason to tell the user. `confirm act_…` and `cancel act_…` name a pending action; otherwise the
 * message asks for the Safe's balances, the agent's allowance, or an explanation.
 *
 * @example
 * parseWalletRequest('Send 5 OPEN to 0x70997970C51812dc3A010C7d01b50e0d17dc79C8')
 * // { intent: 'transfer', token: 'OPEN', amount: '5', to: '0x70997970C51812dc3A010C7d01b50e0d17dc79C8' }
 * parseWalletRequest('Do not send 5 OPEN to 0x70997970C51812dc3A010C7d01b50e0d17dc79C8').intent // 'invalid'
 */
export function parseWalletRequest(message: string): WalletRequest {
  const text = message.trim().replace(/\s+/g, ' ')
  if (!text) return invalid('The message is empty. Ask me to send tokens or for your balances.')
  const command = /^(confirm|cancel)\b\s*(.*?)\s*[.!]?$/i.exec(text)
  if (command) return actionCommandOf(command[1]!.toLowerCase() as 'confirm' | 'cancel', command[2]!)
  const mentionsTransfer = SEND_WORD.test(text) && (/\b0x/i.test(text) || /\d/.test(text))
  if (VERB.test(text) && !text.endsWith('?')) return transferOf(text)
  // "Do not send …" opens like a question ("Do …"): a negation of a transfer is refused by name.
  if (mentionsTransfer && NEGATION.test(text)) return invalid(readsAs('a negation'))
  if (QUESTION.test(text) || text.endsWith('?')) return questionOf(text)
  if (mentionsTransfer) return invalid(readsAs(CONDITION.test(text) ? 'a condition' : 'a description'))
  return questionOf(text)
}

function actionCommandOf(verb: 'confirm' | 'cancel', id: string): WalletRequest {
  if (ACTION_ID.test(id)) return { intent: verb, id }
  return invalid(
    `To ${verb} an action, write "${verb} act_…" with the id I gave you (act_ and 32 hex digits)${id ? `, not "${id}"` : ''}. Nothing was done.`,
  )
}

function transferOf(text: string): WalletRequest {
  if (NEGATION.test(text)) return invalid(`This reads as a negation, not an instruction to send. ${NOTHING}`)
  if (CONDITION.test(text))
    return invalid(`This reads as a condition; I act only on a plain instruction. ${EXAMPLE} ${NOTHING}`)
  const addresses = text.match(HEX_WORD) ?? []
  if (addresses.length > 1)
    return invalid(`This names ${addresses.length} recipients; I send to exactly one per message. ${NOTHING}`)
  const amounts = text.replace(HEX_WORD, ' ').match(NUMBER) ?? []
  if (amounts.length > 1 || /\b(?:each|every|all|both|and)\b/i.test(text))
    return invalid(
      `This is ambiguous: ${amounts.length > 1 ? `it names ${amounts.length} amounts (${amounts.join(', ')})` : 'it names several payments'}; I send one amount to one recipient per message. ${NOTHING}`,
    )
  if (amounts.length === 0) return invalid(`How much should I send? ${EXAMPLE}`)
  if (addresses.length === 0)
    return invalid('Who should I send it to? Give an address: 0x followed by 40 hex digits.')
  const next = new RegExp(`(?<![\\w.])${escaped(amounts[0]!)}\\s*([^\\s.,!?]*)`).exec(text)?.[1] ?? ''
  if (!next || /^(?:to|0x)/i.test(next))
    return invalid(`${amounts[0]} has no token: say which, like "5 OPEN". ${NOTHING}`)
  if (!TOKENS[next.toLowerCase()]) return invalid(`I cannot send ${next}: I know ${KNOWN}. ${NOTHING}`)
  const first = AMOUNT_FIRST.exec(text)
  const second = first ? undefined : ADDRESS_FIRST.exec(text)
  const [amount, symbol, recipient] = first
    ? [first[1]!, first[2]!, first[3]!]
    : second
      ? [second[2]!, second[3]!, second[1]!]
      : []
  if (!amount || !symbol || !recipient)
    return invalid(`I act only on one amount with its token and one recipient. ${EXAMPLE} ${NOTHING}`)
  return checkedTransfer(amount, symbol, recipient)
}

function checkedTransfer(amount: string, symbol: string, recipient: string): WalletRequest {
  if (!/^-?[\d.,_]+$/.test(amount))
    return invalid(`${amount} is not an amount with its token. ${EXAMPLE} ${NOTHING}`)
  if (amount.startsWith('-') || !/^\d+(?:\.\d+)?$/.test(amount) || !/[1-9]/.test(amount))
    return invalid(
      `I can only send a positive amount written with digits and a decimal point, not ${amount}. ${NOTHING}`,
    )
  const token = TOKENS[symbol.toLowerCase()]
  if (!token)
    return invalid(
      /^0x/i.test(symbol) || symbol.toLowerCase() === 'to'
        ? `${amount} has no token: say which, like "5 OPEN". ${NOTHING}`
        : `I cannot send ${symbol}: I know ${KNOWN}. ${NOTHING}`,
    )
  const to = recipient.replace(/[.,!?;:]+$/, '')
  if (!isAddress(to, { strict: false }))
    return invalid(`${to} is not an address: an address is 0x followed by 40 hex digits. ${NOTHING}`)
  const digits = to.slice(2)
  const singleCase = digits === digits.toLowerCase() || digits === digits.toUpperCase()
  if (!singleCase && !isAddress(to, { strict: true }))
    return invalid(
      `${to} has mixed case but fails its EIP-55 checksum: a typo is likely, check the address. ${NOTHING}`,
    )
  return { intent: 'transfer', token, amount, to: getAddress(to) }
}

/** Balances, the allowance, or an explanation: what a message that moves nothing asks for. */
function questionOf(text: string): WalletRequest {
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

const tokenIn = (text: string) => {
  const found = /\b(open|eth|ether|usdc|weth)\b/i.exec(text)?.[1]
  return found ? TOKENS[found.toLowerCase()] : undefined
}

/** `0x7099…79C8`: addresses cost 43 tokens of stories260K's 512-token context; the adapter sees them short. */
export function shortAddresses(text: string): string {
  return text.replace(/0x[0-9a-fA-F]{40}\b/g, (a) => `${a.slice(0, 6)}…${a.slice(-4)}`)
}
