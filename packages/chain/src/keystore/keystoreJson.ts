import { z } from 'zod'

const hex = z.string().regex(/^(0x)?[0-9a-fA-F]*$/, 'hex')

/** Web3 Secret Storage v3, as read from disk (scrypt or pbkdf2-hmac-sha256, aes-128-ctr). */
export const keystoreJsonSchema = z.object({
  version: z.literal(3),
  id: z.string().optional(),
  address: z.string().optional(),
  crypto: z.object({
    cipher: z.literal('aes-128-ctr'),
    cipherparams: z.object({ iv: hex }),
    ciphertext: hex,
    kdf: z.enum(['scrypt', 'pbkdf2']),
    kdfparams: z.union([
      z.object({
        dklen: z.number().int().min(32),
        n: z.number().int().min(2),
        r: z.number().int().min(1),
        p: z.number().int().min(1),
        salt: hex,
      }),
      z.object({
        dklen: z.number().int().min(32),
        c: z.number().int().min(1),
        prf: z.literal('hmac-sha256'),
        salt: hex,
      }),
    ]),
    mac: hex,
  }),
})

/** A Web3 Secret Storage v3 keystore. */
export type KeystoreJson = z.output<typeof keystoreJsonSchema>
