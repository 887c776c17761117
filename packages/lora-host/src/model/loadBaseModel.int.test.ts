import { copyFileSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { writeHuggingFaceFolder } from '../testing/writeHuggingFaceFolder.js'
import { loadBaseModel } from './loadBaseModel.js'

const stories = fileURLToPath(new URL('../../../../../shared/models/stories260K/', import.meta.url))
const tmp = () => mkdtempSync(join(tmpdir(), 'base-model-'))

describe('loadBaseModel', () => {
  it('recognises a llama2.c folder and a llama2.c checkpoint path', async () => {
    const fromFolder = await loadBaseModel(stories)
    expect(fromFolder).toMatchObject({ id: 'stories260K', source: 'llama2c' })
    expect(fromFolder.tokenizer.vocabSize).toBe(512)
    const fromFile = await loadBaseModel(join(stories, 'stories260K.bin'))
    expect(fromFile.id).toBe('stories260K')
    expect(fromFile.sha256).toBe(fromFolder.sha256)
    expect((await loadBaseModel(stories, { id: 'tiny' })).id).toBe('tiny')
  })

  it('recognises a Hugging Face folder by its config.json', async () => {
    const dir = join(tmp(), 'tiny-llama')
    writeHuggingFaceFolder(dir, {
      config: { dim: 16, hiddenDim: 24, nLayers: 1, nHeads: 2 },
      seed: 1,
      dtype: 'F16',
      tied: true,
    })
    expect(await loadBaseModel(dir)).toMatchObject({ id: 'tiny-llama', source: 'huggingface' })
  })

  it('says clearly what is wrong with a path it cannot use', async () => {
    await expect(loadBaseModel(join(tmp(), 'missing'))).rejects.toThrow(
      expect.objectContaining({
        name: 'ModelNotFoundError',
        message: expect.stringContaining('No model at'),
      }),
    )
    const empty = tmp()
    await expect(loadBaseModel(empty)).rejects.toThrow(
      expect.objectContaining({
        name: 'ModelFormatError',
        message: expect.stringContaining('is not a model folder'),
      }),
    )
    const noTokenizer = tmp()
    copyFileSync(join(stories, 'stories260K.bin'), join(noTokenizer, 'model.bin'))
    await expect(loadBaseModel(noTokenizer)).rejects.toThrow(
      'needs exactly one tokenizer tok*.bin, found none',
    )
    await expect(loadBaseModel(join(noTokenizer, 'model.bin'))).rejects.toThrow(
      'needs exactly one tokenizer tok*.bin beside it, found none',
    )
    const two = tmp()
    mkdirSync(join(two, 'sub'))
    copyFileSync(join(stories, 'tok512.bin'), join(two, 'tok512.bin'))
    writeFileSync(join(two, 'a.bin'), '')
    writeFileSync(join(two, 'b.bin'), '')
    await expect(loadBaseModel(two)).rejects.toThrow(
      'needs exactly one checkpoint .bin (not tok*.bin), found a.bin, b.bin',
    )
    writeFileSync(join(two, 'notes.txt'), 'x')
    await expect(loadBaseModel(join(two, 'notes.txt'))).rejects.toThrow(
      'is a file but not a llama2.c checkpoint',
    )
  })
})
