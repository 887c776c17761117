import { z } from 'zod'
import type { RowContent } from '../types.js'

/** One line of an import file, checked for shape only (content, license and signature are checked later). */
export type RowInput = {
  content: RowContent
  license?: string | undefined
  contributor?: string | undefined
  signature?: string | undefined
}

const optional = z.string().optional()

/**
 * A JSONL object or CSV record: `text`, or `prompt` and `completion` (strings), and optionally `license`,
 * `contributor` and `signature`. Other keys are ignored (datasets often carry ids or sources).
 */
export const rowInputSchema = z
  .object({
    text: optional,
    prompt: optional,
    completion: optional,
    license: optional,
    contributor: optional,
    signature: optional,
  })
  .superRefine((value, context) => {
    const pair = value.prompt !== undefined || value.completion !== undefined
    if (value.text !== undefined && pair)
      context.addIssue({ code: 'custom', message: 'has both text and prompt/completion; give one kind' })
    else if (value.text === undefined && !pair)
      context.addIssue({ code: 'custom', message: 'needs "text", or "prompt" and "completion"' })
    else if (pair && (value.prompt === undefined || value.completion === undefined))
      context.addIssue({
        code: 'custom',
        message: `"${value.prompt === undefined ? 'prompt' : 'completion'}" is missing`,
      })
    if (value.signature !== undefined && value.contributor === undefined)
      context.addIssue({
        code: 'custom',
        path: ['contributor'],
        message: 'a signed row must name its contributor',
      })
  })
  .transform(
    (value): RowInput => ({
      content:
        value.text !== undefined
          ? { kind: 'text', text: value.text }
          : { kind: 'prompt_completion', prompt: value.prompt ?? '', completion: value.completion ?? '' },
      license: value.license,
      contributor: value.contributor,
      signature: value.signature,
    }),
  )

/** One line per zod issue, `path: message`. */
export function describeIssues(error: z.ZodError): string {
  return error.issues
    .map((issue) => (issue.path.length ? `${issue.path.join('.')}: ` : '') + issue.message)
    .join('; ')
}
