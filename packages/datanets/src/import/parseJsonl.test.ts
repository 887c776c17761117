import { describe, expect, it } from 'vitest'
import { parseJsonl } from './parseJsonl.js'

const lines = (parsed: ReturnType<typeof parseJsonl>) => ({
  rows: parsed.rows.map((r) => [r.line, r.input.content]),
  invalid: parsed.invalid.map((i) => [i.line, i.message]),
})

describe('parseJsonl', () => {
  it('reads text and prompt/completion rows with optional fields, skipping blank lines, CRLF or LF', () => {
    const source = [
      '{"text":"Lily saw a red ball.","license":"MIT","id":7}',
      '',
      '{"prompt":"Q: 2+2?","completion":"4","contributor":"0xabc","signature":"0x12"}\r',
      '   ',
      '{"text":"  padded  "}',
    ].join('\n')
    const parsed = parseJsonl(source)
    expect(lines(parsed)).toEqual({
      rows: [
        [1, { kind: 'text', text: 'Lily saw a red ball.' }],
        [3, { kind: 'prompt_completion', prompt: 'Q: 2+2?', completion: '4' }],
        [5, { kind: 'text', text: '  padded  ' }],
      ],
      invalid: [],
    })
    expect(parsed.rows[0]?.input.license).toBe('MIT')
    expect(parsed.rows[1]?.input).toMatchObject({ contributor: '0xabc', signature: '0x12' })
  })

  it('names every malformed line by number and reads on', () => {
    const source = [
      '{"text":"good"}',
      '{"text": "unterminated',
      '["an","array"]',
      '{"prompt":"no completion"}',
      '{"text":"a","prompt":"b","completion":"c"}',
      '{"title":"no content"}',
      '{"text":42}',
      '{"text":"signed","signature":"0x12"}',
      '"just a string"',
      '{"text":"also good"}',
    ].join('\n')
    expect(lines(parseJsonl(source))).toMatchInlineSnapshot(`
      {
        "invalid": [
          [
            2,
            "not JSON (Unterminated string in JSON at position 22)",
          ],
          [
            3,
            "not a JSON object",
          ],
          [
            4,
            ""completion" is missing",
          ],
          [
            5,
            "has both text and prompt/completion; give one kind",
          ],
          [
            6,
            "needs "text", or "prompt" and "completion"",
          ],
          [
            7,
            "text: Invalid input: expected string, received number",
          ],
          [
            8,
            "contributor: a signed row must name its contributor",
          ],
          [
            9,
            "not a JSON object",
          ],
        ],
        "rows": [
          [
            1,
            {
              "kind": "text",
              "text": "good",
            },
          ],
          [
            10,
            {
              "kind": "text",
              "text": "also good",
            },
          ],
        ],
      }
    `)
  })
})
