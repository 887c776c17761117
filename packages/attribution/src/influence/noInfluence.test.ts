import { expect, test } from 'vitest'
import { fuse } from '../fusion/fuse.js'
import { noInfluence } from './noInfluence.js'

test('noInfluence finds nothing, and fusion redistributes its weight', async () => {
  const influence = await noInfluence.score({ answerTokens: [1, 2, 3], adapters: ['a'] })
  expect(influence).toEqual({ method: 'influence', rows: [] })
  expect(fuse([influence], { influence: 1 })).toMatchObject({ evidence: false })
})
