import { describe, expect, it } from 'vitest'
import { parseCsv } from './parseCsv.js'

const lines = (parsed: ReturnType<typeof parseCsv>) => ({
  rows: parsed.rows.map((r) => [r.line, r.input.content]),
  invalid: parsed.invalid.map((i) => [i.line, i.message]),
})

describe('parseCsv', () => {
  it('reads quoted fields with commas, quotes and newlines, numbering rows by their first line', () => {
    const source = [
      'text,license,source',
      '"Lily saw a red ball, then a blue one.",CC0-1.0,web',
      '',
      '"She said ""hi""',
      'and left.",,book',
      'plain,MIT,x',
    ].join('\r\n')
    const parsed = parseCsv(source, 'rows.csv')
    expect(lines(parsed)).toEqual({
      rows: [
        [2, { kind: 'text', text: 'Lily saw a red ball, then a blue one.' }],
        [4, { kind: 'text', text: 'She said "hi"\nand left.' }],
        [6, { kind: 'text', text: 'plain' }],
      ],
      invalid: [],
    })
    expect(parsed.rows.map((r) => r.input.license)).toEqual(['CC0-1.0', undefined, 'MIT'])
  })

  it('reads prompt/completion files, columns in any order', () => {
    const parsed = parseCsv('completion,Prompt\n4,Q: 2+2?\n', 'qa.csv')
    expect(lines(parsed).rows).toEqual([
      [2, { kind: 'prompt_completion', prompt: 'Q: 2+2?', completion: '4' }],
    ])
  })

  it('names every malformed record by the line it starts on and reads on', () => {
    const source = [
      'text,license',
      'good,MIT',
      'bad "quote,MIT',
      'too,many,fields',
      'short',
      '"multi',
      'line",MIT',
      ',MIT',
      'fine,',
      '"never closed,MIT',
      'swallowed,MIT',
    ].join('\n')
    const parsed = parseCsv(source, 'rows.csv')
    expect(lines(parsed)).toMatchInlineSnapshot(`
      {
        "invalid": [
          [
            3,
            "Invalid Opening Quote: a quote is found on field 0 at line 3, value is "bad "",
          ],
          [
            4,
            "3 fields where the header has 2",
          ],
          [
            5,
            "1 field where the header has 2",
          ],
          [
            10,
            "Quote Not Closed: the parsing is finished with an opening quote at line 11 (one bad record from line 10 to 11)",
          ],
        ],
        "rows": [
          [
            2,
            {
              "kind": "text",
              "text": "good",
            },
          ],
          [
            6,
            {
              "kind": "text",
              "text": "multi
      line",
            },
          ],
          [
            8,
            {
              "kind": "text",
              "text": "",
            },
          ],
          [
            9,
            {
              "kind": "text",
              "text": "fine",
            },
          ],
        ],
      }
    `)
  })

  it('refuses a file without a usable header', () => {
    for (const source of ['', 'title,license\nx,MIT\n', 'text,prompt,completion\nx,y,z\n'])
      expect(() => parseCsv(source, 'rows.csv')).toThrow(
        expect.objectContaining({ name: 'ImportFormatError' }),
      )
    expect(() => parseCsv('title,license\n', 'rows.csv')).toThrowErrorMatchingInlineSnapshot(`
      [ImportFormatError: Cannot import rows.csv: its header (title, license) names neither a text column nor prompt and completion columns.

      JSONL: one object per line, {"text": …} or {"prompt": …, "completion": …}, optionally license, contributor, signature.
      CSV: a header naming text, or prompt and completion (optionally license, contributor, signature).]
    `)
  })
})
