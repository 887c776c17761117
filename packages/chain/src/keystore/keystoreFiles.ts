import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { type Address, getAddress, type Hex } from 'viem'
import { KeystoreExistsError, KeystoreInvalidError, KeystoreNotFoundError } from '../errors.js'
import { decryptKeystore } from './decryptKeystore.js'
import type { KeystoreJson } from './keystoreJson.js'

const NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/

/**
 * `<home>/keys/<name>.json`: where the keystore called `name` lives. Names are letters, digits, `.`, `_`, `-`.
 *
 * @example
 * keystorePath('.openledger', 'agent-ai-wallet') // '.openledger/keys/agent-ai-wallet.json'
 */
export function keystorePath(home: string, name: string): string {
  if (!NAME.test(name))
    throw new KeystoreInvalidError(
      name,
      'a keystore name is 1-64 letters, digits, ".", "_" or "-", not starting with a punctuation mark',
    )
  return join(home, 'keys', `${name}.json`)
}

/** Writes a new keystore (owner read/write only); refuses to overwrite one (`KeystoreExistsError`). */
export function writeKeystore(home: string, name: string, json: KeystoreJson): string {
  const path = keystorePath(home, name)
  if (existsSync(path)) throw new KeystoreExistsError(path)
  mkdirSync(join(home, 'keys'), { recursive: true, mode: 0o700 })
  writeFileSync(path, `${JSON.stringify(json, null, 2)}\n`, { mode: 0o600, flag: 'wx' })
  return path
}

/** Whether a keystore called `name` exists under `<home>/keys/`. */
export function hasKeystore(home: string, name: string): boolean {
  return existsSync(keystorePath(home, name))
}

/** Decrypts the keystore called `name` (`KeystoreNotFoundError`, `KeystorePasswordError`, `KeystoreInvalidError`). */
export function readKeystoreKey(home: string, name: string, password: string): Hex {
  const path = keystorePath(home, name)
  if (!existsSync(path)) throw new KeystoreNotFoundError(path)
  let json: unknown
  try {
    json = JSON.parse(readFileSync(path, 'utf8'))
  } catch {
    throw new KeystoreInvalidError(path, 'not JSON')
  }
  return decryptKeystore(json, password, path)
}

/** The keystores under `<home>/keys/`, by name, with the address each stores in the clear (never a secret). */
export function listKeystores(home: string): { name: string; address: Address | undefined }[] {
  const directory = join(home, 'keys')
  if (!existsSync(directory)) return []
  return readdirSync(directory)
    .filter((file) => file.endsWith('.json') && NAME.test(file.slice(0, -5)))
    .sort()
    .map((file) => ({ name: file.slice(0, -5), address: storedAddress(join(directory, file)) }))
}

function storedAddress(path: string): Address | undefined {
  try {
    const { address } = JSON.parse(readFileSync(path, 'utf8')) as { address?: unknown }
    return typeof address === 'string' && /^(0x)?[0-9a-fA-F]{40}$/.test(address)
      ? getAddress(address.startsWith('0x') ? address : `0x${address}`)
      : undefined
  } catch {
    return undefined
  }
}
