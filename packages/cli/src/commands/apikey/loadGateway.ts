/**
 * The gateway's API key functions, loaded when a command runs: the gateway brings LangChain along, which no
 * other command needs.
 */
export function loadGateway(): Promise<typeof import('@openledger/gateway')> {
  return import('@openledger/gateway')
}
