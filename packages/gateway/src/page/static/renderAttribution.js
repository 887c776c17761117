import { formatOpen } from './formatOpen.js'
import { formatShare } from './formatShare.js'
import { highlightSpans } from './highlightSpans.js'

/**
 * @typedef {{ contributor: string, share: string, percent: number }} Contributor
 * @typedef {{ datanetId: string, rowId: string, contributor: string, weight: string, method: string, text: string }} Row
 * @typedef {{ datanetId: string, rowId: string, start: number, end: number, text: string }} Span
 * @typedef {{
 *   receiptId: string, agentId: string, fee: string, payer: string, noEvidence: boolean,
 *   adapters: { id: string, sha256: string }[], contributors: Contributor[], rows: Row[], spans: Span[],
 *   receiptUrl: string
 * }} Attribution
 */

/** @param {string} id */
const byId = (id) => /** @type {HTMLElement} */ (document.getElementById(id))

/** `0x12345678…abcd` for long ids and addresses; short ones as they are. @param {unknown} id */
export function shortenId(id) {
  const text = String(id)
  return text.length > 16 ? `${text.slice(0, 10)}…${text.slice(-4)}` : text
}

/** @param {string} tag @param {string} text @param {string} [className] */
function element(tag, text, className) {
  const node = document.createElement(tag)
  node.textContent = text
  if (className) node.className = className
  return node
}

/** Only http(s) links, resolved against the page: a receipt URL is data from the server, not trusted markup. */
function safeHref(/** @type {string} */ url) {
  try {
    const resolved = new URL(url, location.href)
    return resolved.protocol === 'http:' || resolved.protocol === 'https:' ? resolved.href : undefined
  } catch {
    return undefined
  }
}

/** @param {string} wei */
function feeText(wei) {
  try {
    return `${formatOpen(wei)} OPEN`
  } catch {
    return `${wei} wei`
  }
}

/** @param {Contributor[]} contributors */
function renderContributors(contributors) {
  const list = byId('contributors')
  list.replaceChildren(
    ...contributors.map(({ contributor, share: fixed, percent }) => {
      const item = element('li', '', 'contributor')
      const who = element('span', shortenId(contributor), 'mono')
      who.title = contributor
      const share = Number.isFinite(percent) ? Math.min(Math.max(percent, 0), 100) : 0
      const bar = element('span', '', 'share-bar')
      bar.setAttribute('aria-hidden', 'true')
      const fill = document.createElement('span')
      fill.style.width = `${share}%`
      bar.append(fill)
      const label = /^\d+$/.test(String(fixed)) ? formatShare(String(fixed)) : `${share.toFixed(2)}%`
      item.append(who, element('span', label, 'percent'), bar)
      return item
    }),
  )
  if (contributors.length === 0) list.replaceChildren(element('li', 'None credited.', 'note'))
}

/** @param {Row[]} rows */
function renderRows(rows) {
  const body = /** @type {HTMLElement} */ (byId('rows').querySelector('tbody'))
  body.replaceChildren(
    ...rows.map((row, index) => {
      const tr = document.createElement('tr')
      tr.id = `row-${index + 1}`
      const where = element('td', '', 'row-where')
      const rowId = element('span', shortenId(row.rowId), 'rows-id')
      rowId.title = String(row.rowId)
      where.append(element('span', String(row.datanetId)), ' · ', rowId)
      // Weights are 1e18 fixed point, like shares; anything else is shown as it came.
      const weight = /^\d+$/.test(String(row.weight))
        ? formatShare(String(row.weight))
        : String(row.weight ?? '')
      tr.append(
        where,
        element('td', String(row.method)),
        element('td', weight),
        element('td', String(row.text ?? ''), 'row-text'),
      )
      return tr
    }),
  )
}

/** The answer with each attributed span in a `<mark>` naming its row. @param {string} answer @param {Span[]} spans @param {Row[]} rows */
function renderHighlighted(answer, spans, rows) {
  const rowNumber = (/** @type {Span} */ span) =>
    rows.findIndex((row) => String(row.datanetId) === String(span.datanetId) && row.rowId === span.rowId) + 1
  byId('highlighted').replaceChildren(
    ...highlightSpans(answer, spans).map((segment) => {
      if (segment.spans.length === 0) return document.createTextNode(segment.text)
      const mark = element('mark', segment.text)
      mark.title = segment.spans
        .map((span) => {
          const number = rowNumber(span)
          return `datanet ${span.datanetId}, row ${shortenId(span.rowId)}${number ? ` (row ${number} below)` : ''}`
        })
        .join('; ')
      return mark
    }),
  )
}

/**
 * Shows an answer's Proof of Attribution: fee in OPEN, receipt link, payer, adapters, contributors with their
 * shares, the rows used and the answer with its matched spans highlighted.
 *
 * @param {Attribution} attribution
 * @param {string} answer the answer text the spans' offsets point into
 */
export function renderAttribution(attribution, answer) {
  const fee = byId('fee')
  fee.textContent = feeText(attribution.fee)
  fee.title = `${attribution.fee} wei`
  const href = safeHref(attribution.receiptUrl)
  const link = element(href ? 'a' : 'span', shortenId(attribution.receiptId), 'mono')
  link.title = attribution.receiptId
  if (href) Object.assign(link, { href, target: '_blank', rel: 'noopener' })
  byId('receipt').replaceChildren(link)
  const payer = byId('payer')
  payer.textContent = shortenId(attribution.payer)
  payer.title = attribution.payer
  byId('adapters').textContent =
    (attribution.adapters ?? []).map((a) => `${a.id} (${String(a.sha256).slice(0, 10)}…)`).join(', ') || '—'
  byId('no-evidence').hidden = !attribution.noEvidence
  renderContributors(attribution.contributors ?? [])
  renderRows(attribution.rows ?? [])
  renderHighlighted(answer, attribution.spans ?? [], attribution.rows ?? [])
  byId('attribution').hidden = false
}

/** Hides the attribution panel (a new answer is on its way). */
export function clearAttribution() {
  byId('attribution').hidden = true
}
