import { clearAttribution, renderAttribution } from './renderAttribution.js'
import { createSseParser } from './sse.js'

const KEY_STORAGE = 'openledger.apiKey'
const AGENT_STORAGE = 'openledger.agent'

/** What each refusal means to the person at the page; the server's own message follows it. */
const HINTS = /** @type {Record<number, string>} */ ({
  400: 'The request was not accepted.',
  401: 'The API key is missing, unknown or revoked.',
  402: 'The prepaid balance does not cover this answer: deposit OPEN for this account first.',
  403: 'This API key may not use this agent.',
  404: 'No such agent.',
  429: 'Too many requests for this key: wait a moment and try again.',
  503: 'The agent is unavailable right now: try again shortly.',
})

/** @param {string} id */
const byId = (id) => /** @type {any} */ (document.getElementById(id))
const ui = {
  keyForm: /** @type {HTMLFormElement} */ (byId('key-form')),
  key: /** @type {HTMLInputElement} */ (byId('api-key')),
  agent: /** @type {HTMLSelectElement} */ (byId('agent')),
  newChat: /** @type {HTMLButtonElement} */ (byId('new-chat')),
  status: /** @type {HTMLElement} */ (byId('status')),
  transcript: /** @type {HTMLOListElement} */ (byId('transcript')),
  error: /** @type {HTMLElement} */ (byId('error')),
  composer: /** @type {HTMLFormElement} */ (byId('composer')),
  question: /** @type {HTMLTextAreaElement} */ (byId('question')),
  send: /** @type {HTMLButtonElement} */ (byId('send')),
  stop: /** @type {HTMLButtonElement} */ (byId('stop')),
}

/** @type {{ role: 'user' | 'assistant', content: string }[]} */
let messages = []
/** @type {AbortController | undefined} */
let inFlight

class PageError extends Error {
  /** @param {string} title @param {string} message */
  constructor(title, message) {
    super(message)
    this.name = 'PageError'
    this.title = title
  }
}

// Private browsing may forbid storage: the page still works, it just forgets.
const store = {
  /** @param {string} name */
  get: (name) => {
    try {
      return localStorage.getItem(name) ?? ''
    } catch {
      return ''
    }
  },
  /** @param {string} name @param {string} value */
  set: (name, value) => {
    try {
      localStorage.setItem(name, value)
    } catch {}
  },
}

/** Takes `#key=…` out of the address (so it is not left on screen or in history) and returns it. */
function keyFromFragment() {
  const key = new URLSearchParams(location.hash.slice(1)).get('key')
  if (key) history.replaceState(null, '', location.pathname + location.search)
  return key ?? ''
}

/** @param {string} text */
const setStatus = (text) => {
  ui.status.textContent = text
}

/** @param {PageError | Error} error */
function showError(error) {
  const title = error instanceof PageError ? error.title : 'Something went wrong'
  const heading = document.createElement('strong')
  heading.textContent = title
  ui.error.replaceChildren(heading, document.createTextNode(error.message))
  ui.error.hidden = false
}

function hideError() {
  ui.error.hidden = true
  ui.error.replaceChildren()
}

/** An OpenAI-style `{error:{message}}` body (or whatever came) as a PageError with a hint for the status. @param {Response} response */
async function refusal(response) {
  const body = await response.text().catch(() => '')
  let message = body.trim().slice(0, 500)
  try {
    const { error } = JSON.parse(body)
    if (error?.message)
      message = `${error.message}${error.request_id ? ` (request id ${error.request_id})` : ''}`
  } catch {}
  const retry = response.headers.get('Retry-After')
  const hint = HINTS[response.status] ?? ''
  const title = `${response.status} ${response.statusText || 'Error'}${hint ? ` — ${hint}` : ''}`
  return new PageError(title, `${message || 'No details.'}${retry ? ` (retry after ${retry} s)` : ''}`)
}

const headers = () => ({ Authorization: `Bearer ${ui.key.value.trim()}` })

async function loadAgents() {
  hideError()
  ui.agent.disabled = true
  setStatus('Loading agents…')
  try {
    const response = await fetch('/v1/models', { headers: headers() })
    if (!response.ok) throw await refusal(response)
    const { data } = /** @type {{ data: { id: string, name?: string, description?: string }[] }} */ (
      await response.json()
    )
    const saved = store.get(AGENT_STORAGE)
    ui.agent.replaceChildren(
      ...data.map((model) => {
        const option = new Option(model.name ? `${model.name} (${model.id})` : model.id, model.id)
        if (model.description) option.title = model.description
        return option
      }),
    )
    if (data.some((model) => model.id === saved)) ui.agent.value = saved
    ui.agent.disabled = data.length === 0
    setStatus(data.length === 0 ? 'No agents are served here.' : `${data.length} agent(s) available.`)
  } catch (error) {
    ui.agent.replaceChildren(new Option('No agents loaded', ''))
    setStatus('')
    showError(/** @type {Error} */ (error))
  }
}

/**
 * Reads the SSE body: hands each content delta to `onDelta`, returns the full text and the attribution of the
 * last chunk. Fails on an error event or a stream that ends before `[DONE]`.
 * @param {ReadableStream<Uint8Array>} body @param {(delta: string) => void} onDelta
 */
async function readAnswer(body, onDelta) {
  const reader = body.pipeThrough(new TextDecoderStream()).getReader()
  const parser = createSseParser()
  let text = ''
  let attribution
  for (;;) {
    const { value, done } = await reader.read()
    const events = done ? parser.flush() : parser.push(value)
    for (const data of events) {
      if (data === '[DONE]') {
        await reader.cancel().catch(() => {})
        return { text, attribution }
      }
      const chunk = JSON.parse(data)
      if (chunk.error) {
        const { message, request_id: id } = chunk.error
        throw new PageError(
          'The answer failed',
          `${message ?? 'No details.'}${id ? ` (request id ${id})` : ''}`,
        )
      }
      const delta = chunk.choices?.[0]?.delta?.content
      if (typeof delta === 'string' && delta !== '') {
        text += delta
        onDelta(delta)
      }
      if (chunk.attribution) attribution = chunk.attribution
    }
    if (done) throw new PageError('The answer was cut off', 'The stream ended before [DONE].')
  }
}

/** @param {'user' | 'assistant'} role @param {string} text */
function appendTurn(role, text) {
  const item = document.createElement('li')
  item.className = `turn ${role}`
  const who = document.createElement('span')
  who.className = 'who'
  who.textContent = role === 'user' ? 'You' : ui.agent.value || 'Agent'
  const content = document.createElement('div')
  content.textContent = text
  item.append(who, content)
  ui.transcript.append(item)
  return content
}

/** @param {boolean} busy */
function setBusy(busy) {
  ui.send.disabled = busy
  ui.stop.hidden = !busy
  ui.agent.disabled = busy || ui.agent.options.length === 0 || !ui.agent.value
  ui.newChat.disabled = busy
}

/** @param {string} question */
async function ask(question) {
  hideError()
  clearAttribution()
  messages.push({ role: 'user', content: question })
  appendTurn('user', question)
  const answer = appendTurn('assistant', '')
  answer.classList.add('answer')
  answer.setAttribute('aria-live', 'polite')
  answer.setAttribute('aria-busy', 'true')
  answer.dataset.state = 'waiting'
  inFlight = new AbortController()
  setBusy(true)
  setStatus('Waiting for the agent…')
  try {
    const response = await fetch('/v1/chat/completions', {
      method: 'POST',
      headers: { ...headers(), 'Content-Type': 'application/json', Accept: 'text/event-stream' },
      body: JSON.stringify({ model: ui.agent.value, messages, stream: true }),
      signal: inFlight.signal,
    })
    if (!response.ok || !response.body) throw await refusal(response)
    const { text, attribution } = await readAnswer(response.body, (delta) => {
      answer.dataset.state = 'streaming'
      answer.append(delta)
      setStatus('Answering…')
    })
    messages.push({ role: 'assistant', content: text })
    answer.dataset.state = 'done'
    if (attribution) renderAttribution(attribution, text)
    setStatus(attribution ? 'Answered; attribution below.' : 'Answered, without an attribution.')
  } catch (error) {
    // The question was not answered: take it back out so the next request is a consistent conversation.
    messages.pop()
    const aborted = /** @type {Error} */ (error).name === 'AbortError'
    answer.dataset.state = aborted ? 'stopped' : 'failed'
    if (!answer.textContent) answer.append(aborted ? '(stopped)' : '(no answer: see the error below)')
    if (aborted) setStatus('Stopped.')
    else {
      setStatus('')
      showError(/** @type {Error} */ (error))
    }
  } finally {
    answer.setAttribute('aria-busy', 'false')
    inFlight = undefined
    setBusy(false)
  }
}

ui.keyForm.addEventListener('submit', (event) => {
  event.preventDefault()
  store.set(KEY_STORAGE, ui.key.value.trim())
  void loadAgents()
})

ui.agent.addEventListener('change', () => store.set(AGENT_STORAGE, ui.agent.value))

ui.composer.addEventListener('submit', (event) => {
  event.preventDefault()
  const question = ui.question.value.trim()
  if (!question || inFlight) return
  if (!ui.key.value.trim()) return showError(new PageError('No API key', 'Enter your API key above first.'))
  if (!ui.agent.value) return showError(new PageError('No agent', 'Pick an agent first.'))
  ui.question.value = ''
  void ask(question)
})

ui.question.addEventListener('keydown', (event) => {
  if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
    event.preventDefault()
    ui.composer.requestSubmit()
  }
})

ui.stop.addEventListener('click', () => inFlight?.abort())

ui.newChat.addEventListener('click', () => {
  messages = []
  ui.transcript.replaceChildren()
  clearAttribution()
  hideError()
  setStatus('New conversation.')
  ui.question.focus()
})

ui.key.value = keyFromFragment() || store.get(KEY_STORAGE)
if (ui.key.value) {
  store.set(KEY_STORAGE, ui.key.value)
  void loadAgents()
} else ui.key.focus()
