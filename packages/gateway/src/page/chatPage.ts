import { fileURLToPath } from 'node:url'
import express from 'express'

/** The folder of the page's static files (HTML, CSS and browser ES modules), served as they are. */
export const chatPageRoot = fileURLToPath(new URL('./static/', import.meta.url))

// The page talks only to its own origin and loads nothing from outside; answers are rendered as text nodes,
// so a strict policy costs nothing and stops an injected script cold.
const contentSecurityPolicy = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ')

/**
 * The gateway's chat page: asks for an API key, lists the agents of `GET /v1/models`, streams an answer from
 * `POST /v1/chat/completions` and shows its Proof-of-Attribution (contributors, rows, highlighted spans, fee,
 * receipt link). Plain HTML, CSS and browser ES modules from `static/`; nothing fetched from outside.
 *
 * @example
 * const app = express()
 * app.use('/', chatPage())
 */
export function chatPage(): express.Router {
  const router = express.Router()
  router.use((_req, res, next) => {
    res.setHeader('Content-Security-Policy', contentSecurityPolicy)
    res.setHeader('X-Content-Type-Options', 'nosniff')
    res.setHeader('Referrer-Policy', 'no-referrer')
    next()
  })
  // Type declarations and tests sit beside the modules for node; the browser has no use for them.
  router.use((req, _res, next) => (req.path.endsWith('.ts') ? next('router') : next()))
  router.use(
    express.static(chatPageRoot, {
      index: 'index.html',
      setHeaders: (res) => res.setHeader('Cache-Control', 'no-cache'),
    }),
  )
  return router
}
