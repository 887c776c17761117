import { encryptKeystore, listKeystores, writeKeystore } from '@openledger/chain'
import type { Command } from 'commander'
import type { Hex } from 'viem'
import { generatePrivateKey, privateKeyToAddress } from 'viem/accounts'
import type { Context } from '../../context.js'
import { parseIntegerIn } from '../../options.js'
import { ImportKeyMissingError } from './errors.js'
import { keystorePassword } from './keystorePassword.js'

type CreateOptions = { scryptN: number }

/**
 * `openledger keys create|import|list`: keys kept encrypted (Web3 Secret Storage v3: scrypt, aes-128-ctr) in
 * `<home>/keys/<name>.json` with OPENLEDGER_KEYSTORE_PASSWORD. `up` gives each agent the key in
 * `agent-<package id>`. Listing shows names and addresses, never a secret.
 */
export function keysCommand(program: Command, context: Context): void {
  const keys = program
    .command('keys')
    .description('Encrypted keys in <home>/keys (agent-<package id> is that agent’s key for `up`).')
  const scrypt = (command: Command) =>
    command.option(
      '--scrypt-n <n>',
      'scrypt cost, a power of 2 (tests lower it)',
      parseIntegerIn(2 ** 10, 2 ** 20),
      2 ** 18,
    )
  scrypt(
    keys.command('create <name>').description('Create a fresh key, encrypted; prints its address.'),
  ).action((name: string, options: CreateOptions) =>
    save(context, name, generatePrivateKey(), options, 'Created'),
  )
  scrypt(
    keys.command('import <name>').description('Encrypt the key in OPENLEDGER_PRIVATE_KEY under this name.'),
  ).action((name: string, options: CreateOptions) => {
    const key = context.env.OPENLEDGER_PRIVATE_KEY
    if (!key) throw new ImportKeyMissingError()
    save(context, name, key as Hex, options, 'Imported')
  })
  keys
    .command('list')
    .description('The keystores: name and address (never a secret).')
    .action(() => {
      const found = listKeystores(context.env.OPENLEDGER_HOME)
      if (found.length === 0) context.io.out('No keys. Create one with `openledger keys create <name>`.')
      for (const { name, address } of found) context.io.out(`${name}  ${address ?? '(no address stored)'}`)
    })
}

function save(context: Context, name: string, key: Hex, options: CreateOptions, verb: string): void {
  const password = keystorePassword(context, `encrypt keystore ${name}`)
  const path = writeKeystore(
    context.env.OPENLEDGER_HOME,
    name,
    encryptKeystore(key, password, { n: options.scryptN }),
  )
  context.io.out(`${verb} ${name}: ${privateKeyToAddress(key)} (${path})`)
}
