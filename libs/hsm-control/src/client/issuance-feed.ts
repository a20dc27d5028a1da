import type { ControlClient } from './control-client.js';
import { lastingStream, type LastingStream } from './lasting-stream.js';

/** What the node does with one request: a certificate (PEM) and its serial, or a refusal (thrown). */
export type IssuanceHandler = (commonName: string, publicKeyPem: string) => Promise<{ certificate: string; serial: string }>;

interface IssuanceRequest {
  readonly requestId: string;
  readonly commonName: string;
  readonly publicKey: string;
}

/**
 * The active node's side of the certificate relay (docs/hsm-appliance.md, "KMS's access
 * certificate"): requests for this node's instance, each answered with a certificate or a refusal.
 */
export class IssuanceFeed {
  /** Set as the opening starts, not once it is answered: a close (or a newer open) stops it either way. */
  #stream: LastingStream | undefined;

  constructor(private readonly control: ControlClient) {}

  /** Resolves once the control plane answered the opening (or refused it); the feed reopens by itself after. */
  async open(handle: IssuanceHandler): Promise<void> {
    this.close();
    await lastingStream(() => this.control.stream('watchIssuance', {}), (m) => void this.#answer(m as IssuanceRequest, handle), (stream) => {
      this.#stream = stream;
    });
  }

  /** Whether a feed is open or opening (not closed since the last open). */
  get opened(): boolean {
    return this.#stream !== undefined;
  }

  close(): void {
    this.#stream?.stop();
    this.#stream = undefined;
  }

  async #answer(r: IssuanceRequest, handle: IssuanceHandler): Promise<void> {
    let answer: object;
    try {
      answer = { requestId: r.requestId, ...(await handle(r.commonName, r.publicKey)) };
    } catch (err) {
      answer = { requestId: r.requestId, refusal: (err as Error).message };
    }
    // An answer lost here times the request out on the provisioning side, which the caller retries.
    await this.control.call('answerIssuance', answer).catch(() => undefined);
  }
}
