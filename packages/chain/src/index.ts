export { DEV_MNEMONIC, DEVNET_CHAIN_ID, type DevAccount, devAccounts } from './accounts.js'
export { assertDevnetChain } from './assertDevnetChain.js'
export { type DecodeRevertOptions, decodeRevert, type Revert } from './calls/decodeRevert.js'
export {
  type ReadContractCallParameters,
  readContractCall,
} from './calls/readContractCall.js'
export {
  type SendContractCallParameters,
  type SendContractCallReturnType,
  sendContractCall,
} from './calls/sendContractCall.js'
export {
  type SimulateContractCallParameters,
  type SimulateContractCallReturnType,
  simulateContractCall,
} from './calls/simulateContractCall.js'
export type { ContractCall, WriteMutability } from './calls/types.js'
export { type WaitForReceiptParameters, waitForReceipt } from './calls/waitForReceipt.js'
export {
  type ChainConnection,
  type ConnectChainParameters,
  connectChain,
  type Eip1193Provider,
} from './connectChain.js'
export { type DeployParameters, type DeployReturnType, deploy } from './deploy/deploy.js'
export { type AgentContracts, deployAgentContracts } from './deploy/deployAgentContracts.js'
export { deployContract } from './deploy/deployContract.js'
export {
  defaultProtocolParameters,
  devnetProtocolParameters,
  type ProtocolParameters,
} from './deploy/protocolParameters.js'
export { type CreateDevnetParameters, createDevnet, type Devnet } from './devnet/createDevnet.js'
export {
  type DevnetServer,
  type StartDevnetServerParameters,
  startDevnetServer,
} from './devnet/startDevnetServer.js'
export { type DeploymentConfig, devnetDeploymentConfig } from './devnetDefaults.js'
export {
  ChainIdMismatchError,
  ContractCallRevertedError,
  DeploymentFailedError,
  DevAccountError,
  DevnetOnlyError,
  GenesisTableError,
  KeystoreExistsError,
  KeystoreInvalidError,
  KeystoreNotFoundError,
  KeystorePasswordError,
  ManifestCodeMissingError,
  ManifestInvalidError,
  ManifestNotFoundError,
  MissingEventError,
  NotSafeOwnerError,
  RpcUnreachableError,
  SafeConfigError,
  SafeExecutionFailedError,
  SafeInsufficientSignaturesError,
  SafeNonceNotReadyError,
  SafeNonceUsedError,
  SafeProposalLimitError,
  SafeSignatureMissingError,
  SafeTransactionUnknownError,
} from './errors.js'
export {
  defaultGenesisTable,
  type GenesisEntry,
  type GenesisHolder,
  parseGenesisTable,
  TOTAL_SUPPLY,
  validateGenesisTable,
} from './genesis.js'
export { isDevKey } from './isDevKey.js'
export { decryptKeystore } from './keystore/decryptKeystore.js'
export { type EncryptKeystoreOptions, encryptKeystore } from './keystore/encryptKeystore.js'
export {
  hasKeystore,
  keystorePath,
  listKeystores,
  readKeystoreKey,
  writeKeystore,
} from './keystore/keystoreFiles.js'
export type { KeystoreJson } from './keystore/keystoreJson.js'
export { manifestPath, readManifest, readManifestIfExists, writeManifest } from './manifest/files.js'
export { type Manifest, manifestAddresses, type SafeInfrastructure } from './manifest/manifest.js'
export { findMissingCode, verifyManifest } from './manifest/verifyManifest.js'
export { deploySafeInfrastructure } from './safe/deploySafeInfrastructure.js'
export { deployTreasurySafe, validateSafeConfig } from './safe/deployTreasurySafe.js'
export { executeSafeTransaction } from './safe/executeSafeTransaction.js'
export { getSafeTransactionStatus, type SafeTransactionStatus } from './safe/getSafeTransactionStatus.js'
export {
  type ProposeSafeTransactionParameters,
  type ProposeSafeTransactionReturnType,
  proposeSafeTransaction,
  type SafeCall,
} from './safe/proposeSafeTransaction.js'
export {
  DEFAULT_MAX_PENDING_UNSIGNED,
  type ProposeUnsignedSafeTransactionParameters,
  type ProposeUnsignedSafeTransactionReturnType,
  proposeUnsignedSafeTransaction,
} from './safe/proposeUnsignedSafeTransaction.js'
export { safeAbi } from './safe/safeArtifacts.js'
export { safeKit } from './safe/safeKit.js'
export { signSafeTransaction } from './safe/signSafeTransaction.js'
