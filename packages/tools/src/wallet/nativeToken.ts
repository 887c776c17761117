import { zeroAddress } from 'viem'

/** The native token (ether on the devnet) wherever the wallet takes a token address, as in the module. */
export const NATIVE_TOKEN = zeroAddress
