import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { generatePrivateKey, privateKeyToAddress } from 'viem/accounts'
import { afterAll, describe, expect, it } from 'vitest'
import { decryptKeystore } from './decryptKeystore.js'
import { encryptKeystore } from './encryptKeystore.js'
import { hasKeystore, keystorePath, listKeystores, readKeystoreKey, writeKeystore } from './keystoreFiles.js'

// The key and passphrase ("testpassword") of the Web3 Secret Storage Definition's test vectors (ethereum.org).
const VECTOR_KEY = '0x7a28b5ba57c53603b0b07b56bba752f7784bf506fa95edc395f5cf6c7514fe9d'
// That key, encrypted by ethers 5.4's Wallet.encrypt (scrypt n 4096, r 8, p 1; salt 0xab…, the spec's iv).
const ethersVector = {
  address: '008aeeda4d805471df9b2a5b0f38a0c3bcba786b',
  id: '11111111-1111-4111-9111-111111111111',
  version: 3,
  Crypto: {
    cipher: 'aes-128-ctr',
    cipherparams: { iv: '83dbcc02d8ccb40e466191a123791e0e' },
    ciphertext: '84ffae3b898f813ade19c2a211cde4bf5eff5339cd383ec8579f96910b1dcee4',
    kdf: 'scrypt',
    kdfparams: { salt: 'ab'.repeat(32), n: 4096, dklen: 32, p: 1, r: 8 },
    mac: '1f5606eba7e6a48c03a3795a688ce0405f226a555a2548ee4f3a2b7c6ad67430',
  },
}
// The spec's own scrypt vector uses r 1 with n 2^18, beyond RFC 7914's bound that OpenSSL enforces.
const scryptVector = {
  crypto: {
    cipher: 'aes-128-ctr',
    cipherparams: { iv: '83dbcc02d8ccb40e466191a123791e0e' },
    ciphertext: 'd172bf743a674da9cdad04534d56926ef8358534d458fffccd4e6ad2fbde479c',
    kdf: 'scrypt',
    kdfparams: {
      dklen: 32,
      n: 262144,
      p: 8,
      r: 1,
      salt: 'ab0c7876052600dd703518d6fc3fe8984592145b591fc8fb5c6d43190334ba19',
    },
    mac: '2103ac29920d71da29f15d75b4a16dbe95cfd7ff8faea1056c33131d846e3097',
  },
  id: '3198bc9c-6672-5ab3-d995-4942343ae5b6',
  version: 3,
}
const pbkdf2Vector = {
  crypto: {
    cipher: 'aes-128-ctr',
    cipherparams: { iv: '6087dab2f9fdbbfaddc31a909735c1e6' },
    ciphertext: '5318b4d5bcd28de64ee5559e671353e16f075ecae9f99c7a79a38af5f869aa46',
    kdf: 'pbkdf2',
    kdfparams: {
      c: 262144,
      dklen: 32,
      prf: 'hmac-sha256',
      salt: 'ae3cd4e7013836a3df6bd7241b12db061dbe2c6785853cce422d148a624ce0bd',
    },
    mac: '517ead924a9d0dc3124507e3393d175ce3ff7c1e96529c6c555ce9e51205e9b2',
  },
  id: '3198bc9c-6672-5ab3-d995-4942343ae5b6',
  version: 3,
}

const home = mkdtempSync(join(tmpdir(), 'openledger-keys-'))
afterAll(() => rmSync(home, { recursive: true, force: true }))
// A low scrypt cost keeps the round trips fast; the vectors check the spec's own cost.
const fast = { n: 2 ** 10 }

describe('Web3 Secret Storage v3', () => {
  it('decrypts the spec’s pbkdf2 test vector and an ethers-written scrypt keystore to their key', () => {
    expect(decryptKeystore(pbkdf2Vector, 'testpassword')).toBe(VECTOR_KEY)
    expect(decryptKeystore(ethersVector, 'testpassword')).toBe(VECTOR_KEY)
  })

  it('encrypts to ethers’ ciphertext and MAC given the same salt, iv and parameters', () => {
    const { kdfparams, cipherparams } = ethersVector.Crypto
    const salt = Buffer.from(kdfparams.salt, 'hex')
    const iv = Buffer.from(cipherparams.iv, 'hex')
    const json = encryptKeystore(VECTOR_KEY, 'testpassword', { n: 4096, salt, iv })
    expect(json.crypto.ciphertext).toBe(ethersVector.Crypto.ciphertext)
    expect(json.crypto.mac).toBe(ethersVector.Crypto.mac)
    expect(json.address).toBe(ethersVector.address)
  })

  it('refuses the spec’s scrypt vector (r 1, n 2^18) clearly rather than with an OpenSSL memory error', () => {
    expect(() => decryptKeystore(scryptVector, 'testpassword')).toThrow(
      expect.objectContaining({
        name: 'KeystoreInvalidError',
        shortMessage: expect.stringMatching(/scrypt n 262144 with r 1 is beyond RFC 7914/),
      }),
    )
  })

  it('round-trips a fresh key, storing its address in the clear and no secret', () => {
    const key = generatePrivateKey()
    const json = encryptKeystore(key, 'correct horse', fast)
    expect(`0x${json.address}`).toBe(privateKeyToAddress(key).toLowerCase())
    expect(JSON.stringify(json)).not.toContain(key.slice(2))
    expect(decryptKeystore(JSON.parse(JSON.stringify(json)), 'correct horse')).toBe(key)
  })

  it('refuses a wrong passphrase with KeystorePasswordError, naming the keystore', () => {
    const json = encryptKeystore(generatePrivateKey(), 'correct horse', fast)
    expect(() => decryptKeystore(json, 'wrong horse', 'keys/a.json')).toThrowErrorMatchingInlineSnapshot(
      `[KeystorePasswordError: Wrong passphrase for keystore keys/a.json (its MAC does not match).]`,
    )
    expect(() => decryptKeystore(ethersVector, 'testpassworD')).toThrow(
      expect.objectContaining({ name: 'KeystorePasswordError' }),
    )
  })

  it('refuses what is not v3 keystore JSON with KeystoreInvalidError, naming the field', () => {
    const json = encryptKeystore(generatePrivateKey(), 'pw', fast)
    expect(() => decryptKeystore({ ...json, version: 2 }, 'pw')).toThrow(
      /Keystore keystore is invalid: version/,
    )
    const aes256 = { ...json, crypto: { ...json.crypto, cipher: 'aes-256-ctr' } }
    expect(() => decryptKeystore(aes256, 'pw')).toThrow(
      expect.objectContaining({
        name: 'KeystoreInvalidError',
        shortMessage: expect.stringMatching(/crypto\.cipher/),
      }),
    )
    const notPow2 = { ...json, crypto: { ...json.crypto, kdfparams: { ...json.crypto.kdfparams, n: 1000 } } }
    expect(() => decryptKeystore(notPow2, 'pw')).toThrow(/scrypt n 1000 is not a power of 2/)
    expect(() => encryptKeystore(generatePrivateKey(), 'pw', { n: 1000 })).toThrow(
      expect.objectContaining({ name: 'KeystoreInvalidError' }),
    )
  })
})

describe('keystore files under <home>/keys', () => {
  it('writes owner-only, reads back, lists names with addresses only, and never overwrites', () => {
    const key = generatePrivateKey()
    const path = writeKeystore(home, 'agent-ai-wallet', encryptKeystore(key, 'pw', fast))
    expect(path).toBe(join(home, 'keys', 'agent-ai-wallet.json'))
    expect(statSync(path).mode & 0o777).toBe(0o600)
    expect(hasKeystore(home, 'agent-ai-wallet')).toBe(true)
    expect(readKeystoreKey(home, 'agent-ai-wallet', 'pw')).toBe(key)
    expect(listKeystores(home)).toEqual([{ name: 'agent-ai-wallet', address: privateKeyToAddress(key) }])
    expect(() => writeKeystore(home, 'agent-ai-wallet', encryptKeystore(key, 'pw', fast))).toThrow(
      expect.objectContaining({ name: 'KeystoreExistsError' }),
    )
  })

  it('refuses a missing keystore, a file that is not JSON, and a name that is a path', () => {
    expect(() => readKeystoreKey(home, 'nobody', 'pw')).toThrow(
      expect.objectContaining({ name: 'KeystoreNotFoundError' }),
    )
    writeFileSync(join(home, 'keys', 'broken.json'), '{not json')
    expect(() => readKeystoreKey(home, 'broken', 'pw')).toThrow(/broken\.json is invalid: not JSON/)
    expect(() => keystorePath(home, '../escape')).toThrow(
      expect.objectContaining({ name: 'KeystoreInvalidError' }),
    )
  })
})
