import { BaseError } from '@openledger/errors'

/** The lora-host port is taken (another lora-host, most likely). */
export class LoraHostPortInUseError extends BaseError {
  override name = 'LoraHostPortInUseError'
  constructor(port: number) {
    super(
      `127.0.0.1:${port} is in use; is another lora-host running? Choose another port with LORA_HOST_PORT (or --port for lora-host, --lora-port for up; 0 for any free port).`,
    )
  }
}

/** No lora-host answers at the URL. */
export class LoraHostUnreachableError extends BaseError {
  override name = 'LoraHostUnreachableError'
  constructor(url: string, cause: unknown) {
    super(
      `lora-host at ${url} is unreachable; start one with \`openledger lora-host --model <path>\`, or pass --host-url.`,
      { cause },
    )
  }
}

/** A running lora-host answered with an error (its OpenAI-style message), or not as a lora-host. */
export class LoraHostRefusedError extends BaseError {
  override name = 'LoraHostRefusedError'
  readonly status: number
  constructor(status: number, message: string) {
    super(`lora-host refused (${status}): ${message}`)
    this.status = status
  }
}
