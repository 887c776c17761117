import * as protocolKit from '@safe-global/protocol-kit'

type SafeClass = typeof protocolKit.default.default

// protocol-kit's types read as CommonJS under NodeNext (so TypeScript sees the class at `default.default`)
// while Node loads its ESM build (the class at `default`). Every module takes the class from here.
const loaded = protocolKit.default as unknown as SafeClass | { default: SafeClass }
export const Safe: SafeClass = 'default' in loaded ? loaded.default : loaded
export type Safe = InstanceType<SafeClass>
export const { EthSafeSignature, EthSafeTransaction } = protocolKit
export type EthSafeTransaction = InstanceType<typeof protocolKit.EthSafeTransaction>
