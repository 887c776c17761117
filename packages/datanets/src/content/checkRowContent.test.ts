import { describe, expect, it } from 'vitest'
import { checkRowContent } from './checkRowContent.js'
import { DATANET_LICENSES, resolveLicense } from './licenses.js'

const caught = (fn: () => unknown) => {
  try {
    fn()
  } catch (error) {
    return error
  }
  throw new Error('expected a throw')
}

describe('checkRowContent', () => {
  it('refuses empty and whitespace-only text, prompt or completion, naming the field', () => {
    for (const text of ['', ' ', '\n\t  \r\n'])
      expect(caught(() => checkRowContent({ kind: 'text', text }))).toMatchObject({
        name: 'EmptyRowError',
        field: 'text',
      })
    expect(
      caught(() => checkRowContent({ kind: 'prompt_completion', prompt: 'Q', completion: ' ' })),
    ).toMatchObject({ name: 'EmptyRowError', field: 'completion' })
    expect(
      caught(() => checkRowContent({ kind: 'prompt_completion', prompt: '', completion: 'A' })),
    ).toMatchObject({ name: 'EmptyRowError', field: 'prompt' })
    expect(
      (caught(() => checkRowContent({ kind: 'text', text: ' ' })) as Error).message,
    ).toMatchInlineSnapshot(`
      "The row's text is empty.

      Rows need text that is not only whitespace."
    `)
  })

  it('counts UTF-8 bytes of all fields together against the limit (16 KiB by default)', () => {
    checkRowContent({ kind: 'text', text: 'x'.repeat(16_384) })
    expect(caught(() => checkRowContent({ kind: 'text', text: 'x'.repeat(16_385) }))).toMatchObject({
      name: 'RowTooLargeError',
      size: 16_385,
      limit: 16_384,
      unit: 'bytes',
    })
    // 'é' is 2 bytes, '🙂' 4: characters are not bytes.
    expect(
      caught(() => checkRowContent({ kind: 'text', text: 'é'.repeat(6) }, { maxBytes: 10 })),
    ).toMatchObject({
      size: 12,
    })
    checkRowContent({ kind: 'text', text: '🙂🙂' }, { maxBytes: 8 })
    expect(
      caught(() =>
        checkRowContent({ kind: 'prompt_completion', prompt: 'abcdef', completion: 'ghij' }, { maxBytes: 9 }),
      ),
    ).toMatchObject({ name: 'RowTooLargeError', size: 10 })
  })

  it('applies a token limit when given a counter', () => {
    const countTokens = (text: string) => text.split(/\s+/).filter(Boolean).length
    checkRowContent({ kind: 'text', text: 'one two three' }, { maxTokens: 3, countTokens })
    expect(
      caught(() =>
        checkRowContent({ kind: 'text', text: 'one two three four' }, { maxTokens: 3, countTokens }),
      ),
    ).toMatchObject({ name: 'RowTooLargeError', size: 4, limit: 3, unit: 'tokens' })
  })

  it('refuses an unknown kind and non-string fields', () => {
    expect(caught(() => checkRowContent({ kind: 'image' } as never))).toMatchObject({
      name: 'InvalidRowInputError',
      field: 'content.kind',
    })
    expect(caught(() => checkRowContent({ kind: 'text', text: 42 } as never))).toMatchObject({
      name: 'InvalidRowInputError',
      field: 'text',
    })
  })
})

describe('resolveLicense', () => {
  it('returns the canonical SPDX id whatever the case', () => {
    expect(resolveLicense('cc-by-4.0')).toBe('CC-BY-4.0')
    expect(resolveLicense(' ODC-BY-1.0 ')).toBe('ODC-By-1.0')
    for (const id of DATANET_LICENSES) expect(resolveLicense(id)).toBe(id)
  })

  it('refuses anything else, listing the accepted licenses', () => {
    for (const license of ['WTFPL', 'CC-BY-NC-4.0', '', 'GPL-3.0'])
      expect(caught(() => resolveLicense(license))).toMatchObject({
        name: 'UnknownLicenseError',
        license,
        accepted: DATANET_LICENSES,
      })
    expect((caught(() => resolveLicense('CC-BY-NC-4.0')) as Error).message).toMatchInlineSnapshot(`
      "Unknown license "CC-BY-NC-4.0".

      Accepted licenses (SPDX ids): CC0-1.0, CC-BY-4.0, CC-BY-SA-4.0, ODC-By-1.0, ODbL-1.0, PDDL-1.0, CDLA-Permissive-2.0, CDLA-Sharing-1.0, MIT, Apache-2.0, BSD-3-Clause, Unlicense."
    `)
  })
})
