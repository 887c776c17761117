import { fileURLToPath } from 'node:url'

/** `../shared/models/` beside the checkout: where tests read real model weights from. */
export const sharedModelsDir = fileURLToPath(new URL('../../../../../shared/models/', import.meta.url))

/** The stories260K folder (llama2.c checkpoint + tokenizer). */
export const stories260KDir = `${sharedModelsDir}stories260K`

export const ORACLE =
  'Once upon a time, there was a little girl named Lily. She loved to play outside in the park. One day, she saw a big, red ball. She wanted to play with it, but it was too high.'
