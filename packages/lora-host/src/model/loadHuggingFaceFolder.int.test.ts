import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { basename, join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { referenceForward } from '../reference/referenceForward.js'
import { readSafetensors, writeSafetensors } from '../safetensors/safetensors.js'
import { writeHuggingFaceFolder } from '../testing/writeHuggingFaceFolder.js'
import { createStreamDecoder } from '../tokenizer/createStreamDecoder.js'
import { loadHuggingFaceFolder } from './loadHuggingFaceFolder.js'
import { sha256Hex } from './sha256Hex.js'

const shape = { dim: 32, hiddenDim: 56, nLayers: 2, nHeads: 4, nKvHeads: 2, vocabSize: 330 }
const tmp = () => mkdtempSync(join(tmpdir(), 'hf-llama-'))

function folder(tied = false) {
  const dir = tmp()
  return { dir, weights: writeHuggingFaceFolder(dir, { config: shape, seed: 11, dtype: 'F32', tied }) }
}
function editConfig(dir: string, edit: (config: Record<string, unknown>) => void) {
  const config = JSON.parse(readFileSync(join(dir, 'config.json'), 'utf8'))
  edit(config)
  writeFileSync(join(dir, 'config.json'), JSON.stringify(config))
}
function editTensors(
  dir: string,
  edit: (tensors: Record<string, { shape: number[]; data: Float32Array }>) => void,
) {
  const tensors = Object.fromEntries(readSafetensors(readFileSync(join(dir, 'model.safetensors'))))
  edit(tensors)
  writeFileSync(join(dir, 'model.safetensors'), writeSafetensors(tensors))
}
const formatError = (text: string) =>
  expect.objectContaining({ name: 'ModelFormatError', message: expect.stringContaining(text) })

describe('loadHuggingFaceFolder', () => {
  for (const dtype of ['F32', 'F16', 'BF16'] as const) {
    for (const tied of [true, false]) {
      it(`loads exactly the weights written in ${dtype}, ${tied ? 'tied' : 'separate'} classifier`, async () => {
        const dir = tmp()
        const written = writeHuggingFaceFolder(dir, { config: shape, seed: 7, dtype, tied })
        const model = await loadHuggingFaceFolder(dir)
        expect(model.id).toBe(basename(dir))
        expect(model.source).toBe('huggingface')
        expect(model.sha256).toBe(sha256Hex(readFileSync(join(dir, 'model.safetensors'))))
        expect(model.weights.config).toEqual({
          ...shape,
          headDim: 8,
          maxSeqLen: 256,
          normEps: 1e-6,
          ropeTheta: 10000,
          ropeStyle: 'halves',
          tiedEmbeddings: tied,
        })
        expect(model.weights).toEqual(written)
        expect(model.weights.classifier === model.weights.tokenEmbedding).toBe(tied)
        if (dtype === 'BF16') {
          const bits = new Uint32Array(Float32Array.from(model.weights.layers[1]!.w2).buffer)
          expect(bits.every((b) => (b & 0xffff) === 0)).toBe(true)
        }
        const tokens = model.tokenizer.encode('Once upon a time', { bos: true })
        expect(referenceForward(model.weights, tokens)).toEqual(referenceForward(written, tokens))
      })
    }
  }

  it('encodes and decodes text with the folder tokenizer.json', async () => {
    const { dir } = folder()
    const { tokenizer } = await loadHuggingFaceFolder(dir, 'tiny')
    expect(tokenizer).toMatchObject({ vocabSize: 330, bos: 1, eos: 2 })
    const ids = tokenizer.encode('Once upon a time, Lily played 42 games — ok?', { bos: true })
    expect(ids[0]).toBe(1)
    expect(ids.every((id) => id >= 0 && id < 330)).toBe(true)
    expect(ids).toContain(3 + 0x34) // '4' has no piece: byte fallback <0x34>
    expect(tokenizer.decode(ids)).toBe('Once upon a time, Lily played 42 games — ok?')
    expect(tokenizer.decode([...ids, 2])).toBe('Once upon a time, Lily played 42 games — ok?')
    const stream = createStreamDecoder(tokenizer)
    const pieces = ids.map((id) => stream.push(id))
    expect(pieces.join('') + stream.flush()).toBe(tokenizer.decode(ids))
    expect(pieces.some((piece) => piece.includes('\uFFFD'))).toBe(false)
  })

  it('names a missing config field', async () => {
    const { dir } = folder()
    editConfig(dir, (config) => {
      delete config.hidden_size
    })
    await expect(loadHuggingFaceFolder(dir)).rejects.toThrow(formatError('config.json: hidden_size: '))
  })

  it('names a head_dim that does not match hidden_size / num_attention_heads', async () => {
    const { dir } = folder()
    editConfig(dir, (config) => {
      config.head_dim = 16
    })
    await expect(loadHuggingFaceFolder(dir)).rejects.toThrow(
      formatError('head_dim 16 differs from hidden_size / num_attention_heads = 8'),
    )
  })

  it('names a mis-shaped tensor', async () => {
    const { dir } = folder()
    editTensors(dir, (tensors) => {
      tensors['model.layers.1.self_attn.k_proj.weight']!.shape = [32, 16]
    })
    await expect(loadHuggingFaceFolder(dir)).rejects.toThrow(
      formatError('tensor model.layers.1.self_attn.k_proj.weight has shape [32, 16], expected [16, 32]'),
    )
  })

  it('names a missing tensor, lm_head included when not tied', async () => {
    const { dir } = folder()
    editTensors(dir, (tensors) => {
      delete tensors['lm_head.weight']
    })
    await expect(loadHuggingFaceFolder(dir)).rejects.toThrow(formatError('tensor lm_head.weight is missing'))
    editConfig(dir, (config) => {
      config.tie_word_embeddings = true
    })
    await expect(loadHuggingFaceFolder(dir)).resolves.toMatchObject({ source: 'huggingface' })
    editTensors(dir, (tensors) => {
      delete tensors['model.layers.0.mlp.up_proj.weight']
    })
    await expect(loadHuggingFaceFolder(dir)).rejects.toThrow(
      formatError('tensor model.layers.0.mlp.up_proj.weight is missing'),
    )
  })

  it('refuses unsupported configs and a folder without its files', async () => {
    const { dir } = folder()
    editConfig(dir, (config) => {
      config.num_hidden_layers = 1
    })
    await expect(loadHuggingFaceFolder(dir)).rejects.toThrow(
      formatError("beyond the config's num_hidden_layers 1"),
    )
    editConfig(dir, (config) => {
      config.num_hidden_layers = 2
      config.rope_scaling = { type: 'linear', factor: 2 }
    })
    await expect(loadHuggingFaceFolder(dir)).rejects.toThrow(formatError('rope_scaling'))
    await expect(loadHuggingFaceFolder(tmp())).rejects.toThrow(formatError('config.json: is missing'))
    await expect(loadHuggingFaceFolder(join(tmp(), 'nope'))).rejects.toThrow(
      expect.objectContaining({ name: 'ModelNotFoundError' }),
    )
  })
})
