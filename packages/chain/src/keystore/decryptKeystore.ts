import { createDecipheriv, pbkdf2Sync, scryptSync } from 'node:crypto'
import { concat, type Hex, keccak256, toHex } from 'viem'
import { KeystoreInvalidError, KeystorePasswordError } from '../errors.js'
import { type KeystoreJson, keystoreJsonSchema } from './keystoreJson.js'

/**
 * The private key in Web3 Secret Storage v3 JSON (scrypt or pbkdf2-hmac-sha256, aes-128-ctr). A wrong
 * passphrase is a `KeystorePasswordError` (the MAC does not match); anything else off is a
 * `KeystoreInvalidError`. `source` names the keystore in errors (its path).
 *
 * @example
 * const key = decryptKeystore(JSON.parse(readFileSync(path, 'utf8')), process.env.PASSPHRASE!, path)
 */
export function decryptKeystore(json: unknown, password: string, source = 'keystore'): Hex {
  const parsed = keystoreJsonSchema.safeParse(withLowerCaseCrypto(json))
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!
    throw new KeystoreInvalidError(source, `${issue.path.join('.') || 'document'}: ${issue.message}`)
  }
  const { crypto } = parsed.data
  if ((crypto.kdf === 'scrypt') !== 'n' in crypto.kdfparams)
    throw new KeystoreInvalidError(source, `its kdfparams do not match its kdf (${crypto.kdf})`)
  const derived = deriveKey(crypto, password, source)
  const ciphertext = bytes(crypto.ciphertext)
  const mac = keccak256(concat([derived.subarray(16, 32), ciphertext])).slice(2)
  if (mac !== strip(crypto.mac).toLowerCase()) throw new KeystorePasswordError(source)
  const iv = bytes(crypto.cipherparams.iv)
  if (iv.length !== 16) throw new KeystoreInvalidError(source, `its iv is ${iv.length} bytes, not 16`)
  const decipher = createDecipheriv('aes-128-ctr', derived.subarray(0, 16), iv)
  const key = Buffer.concat([decipher.update(ciphertext), decipher.final()])
  if (key.length !== 32)
    throw new KeystoreInvalidError(source, `it holds ${key.length} bytes, not a 32-byte key`)
  return toHex(key)
}

function deriveKey(crypto: KeystoreJson['crypto'], password: string, source: string): Buffer {
  const params = crypto.kdfparams
  const salt = bytes(params.salt)
  const secret = password.normalize('NFKC')
  if ('n' in params) {
    if ((params.n & (params.n - 1)) !== 0)
      throw new KeystoreInvalidError(source, `scrypt n ${params.n} is not a power of 2`)
    // OpenSSL holds RFC 7914's bound n < 2^(16 r); geth, ethers and MetaMask write r = 8, far inside it.
    if (16 * params.r < 53 && params.n >= 2 ** (16 * params.r))
      throw new KeystoreInvalidError(
        source,
        `scrypt n ${params.n} with r ${params.r} is beyond RFC 7914's bound n < 2^(16 r); re-encrypt it with r = 8`,
      )
    return scryptSync(secret, salt, params.dklen, {
      N: params.n,
      r: params.r,
      p: params.p,
      maxmem: 256 * params.n * params.r + 1024 ** 2,
    })
  }
  return pbkdf2Sync(secret, salt, params.c, params.dklen, 'sha256')
}

// Older geth and ethers write `Crypto`.
function withLowerCaseCrypto(json: unknown): unknown {
  if (typeof json !== 'object' || json === null || 'crypto' in json || !('Crypto' in json)) return json
  const { Crypto, ...rest } = json as { Crypto: unknown }
  return { ...rest, crypto: Crypto }
}

function strip(hex: string): string {
  return hex.startsWith('0x') ? hex.slice(2) : hex
}

function bytes(hex: string): Buffer {
  return Buffer.from(strip(hex), 'hex')
}
