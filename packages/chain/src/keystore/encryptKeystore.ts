import { createCipheriv, randomBytes, randomUUID, scryptSync } from 'node:crypto'
import { concat, type Hex, keccak256, toHex } from 'viem'
import { privateKeyToAddress } from 'viem/accounts'
import { KeystoreInvalidError } from '../errors.js'
import type { KeystoreJson } from './keystoreJson.js'

export type EncryptKeystoreOptions = {
  /** scrypt cost; default 2^18 (the spec's, about a second). Tests lower it. */
  n?: number
  /** scrypt block size and parallelism; default 8 and 1 (the spec's test vector uses 1 and 8). */
  r?: number
  p?: number
  /** Fixed salt and iv (tests and test vectors only); default random. */
  salt?: Uint8Array
  iv?: Uint8Array
}

/**
 * Encrypts a private key into Web3 Secret Storage v3 JSON (scrypt, aes-128-ctr, keccak-256 MAC), the format
 * geth, ethers and MetaMask read. The address is stored in the clear, so `keys list` needs no passphrase.
 *
 * @example
 * const json = encryptKeystore(generatePrivateKey(), 'a long passphrase')
 * decryptKeystore(json, 'a long passphrase') // the same key
 */
export function encryptKeystore(
  privateKey: Hex,
  password: string,
  options: EncryptKeystoreOptions = {},
): KeystoreJson {
  const n = options.n ?? 2 ** 18
  if (!Number.isInteger(n) || n < 2 || (n & (n - 1)) !== 0)
    throw new KeystoreInvalidError('new keystore', `scrypt n ${n} is not a power of 2`)
  const { r = 8, p = 1 } = options
  const dklen = 32
  const salt = options.salt ?? randomBytes(32)
  const iv = options.iv ?? randomBytes(16)
  const derived = scryptSync(password.normalize('NFKC'), salt, dklen, {
    N: n,
    r,
    p,
    maxmem: 256 * n * r + 1024 ** 2,
  })
  const cipher = createCipheriv('aes-128-ctr', derived.subarray(0, 16), iv)
  const ciphertext = Buffer.concat([cipher.update(Buffer.from(privateKey.slice(2), 'hex')), cipher.final()])
  const mac = keccak256(concat([derived.subarray(16, 32), ciphertext]))
  return {
    version: 3,
    id: randomUUID(),
    address: privateKeyToAddress(privateKey).slice(2).toLowerCase(),
    crypto: {
      cipher: 'aes-128-ctr',
      cipherparams: { iv: toHex(iv).slice(2) },
      ciphertext: toHex(ciphertext).slice(2),
      kdf: 'scrypt',
      kdfparams: { dklen, n, r, p, salt: toHex(salt).slice(2) },
      mac: mac.slice(2),
    },
  }
}
