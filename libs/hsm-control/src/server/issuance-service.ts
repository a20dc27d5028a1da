import { randomUUID, X509Certificate, createPublicKey } from 'node:crypto';
import { status, type ServerWritableStream } from '@grpc/grpc-js';
import { normalSerial } from '@dew/x509';
import { ControlRefusal, serverStream, unary, write, type Admission } from './calls.js';

/** A certificate an instance's active node issued through the relay, and its serial (hex). */
export interface RelayedCertificate {
  readonly certificate: string;
  readonly serial: string;
}

/**
 * Why a relayed issuance did not give a certificate. `retryable`: no active node was connected or
 * none answered in time (a failover); otherwise the node refused the request.
 */
export class IssuanceFailed extends Error {
  constructor(readonly retryable: boolean, message: string) {
    super(message);
  }
}

interface Pending {
  readonly instanceId: string;
  readonly commonName: string;
  readonly spki: Buffer;
  readonly settle: (r: RelayedCertificate | IssuanceFailed) => void;
}

const DEFAULT_TIMEOUT_MS = 10_000;
const REQUEST_ID = /^[0-9a-f-]{36}$/;

/**
 * Certificate requests from provisioning to an instance's active node (docs/hsm-appliance.md,
 * "KMS's access certificate"). The node opens `WatchIssuance` while it is active and answers with
 * `AnswerIssuance`; both are scoped to the instance its control certificate names, so a node can
 * neither see nor answer another instance's request. Only this process (provisioning) asks.
 */
export class IssuanceRelay {
  readonly #feeds = new Map<string, ServerWritableStream<unknown, unknown>[]>();
  readonly #pending = new Map<string, Pending>();

  /** Asks the instance's active node to certify `publicKeyPem` (SPKI PEM) as `commonName`. */
  issue(instanceId: string, commonName: string, publicKeyPem: string, timeoutMs = DEFAULT_TIMEOUT_MS): Promise<RelayedCertificate> {
    const feed = this.#feeds.get(instanceId)?.at(-1);
    if (!feed) return Promise.reject(new IssuanceFailed(true, `no active node of instance ${instanceId} is connected to the control plane`));
    const spki = createPublicKey(publicKeyPem).export({ type: 'spki', format: 'der' });
    const requestId = randomUUID();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => settle(new IssuanceFailed(true, `the active node of instance ${instanceId} did not answer within ${timeoutMs} ms`)), timeoutMs);
      const settle = (r: RelayedCertificate | IssuanceFailed): void => {
        clearTimeout(timer);
        this.#pending.delete(requestId);
        if (r instanceof IssuanceFailed) reject(r);
        else resolve(r);
      };
      this.#pending.set(requestId, { instanceId, commonName, spki, settle });
      void write(feed, { requestId, commonName, publicKey: publicKeyPem });
    });
  }

  /** WatchIssuance and AnswerIssuance, each within the caller's instance. */
  service(admits: Admission | undefined) {
    return {
      WatchIssuance: serverStream(admits, async (caller, _req, call) => {
        const feeds = this.#feeds.get(caller.instanceId) ?? [];
        this.#feeds.set(caller.instanceId, [...feeds, call]);
        return () => {
          const left = (this.#feeds.get(caller.instanceId) ?? []).filter((f) => f !== call);
          if (left.length) this.#feeds.set(caller.instanceId, left);
          else this.#feeds.delete(caller.instanceId);
        };
      }),
      AnswerIssuance: unary(admits, async (caller, req) => {
        const requestId = typeof req['requestId'] === 'string' ? req['requestId'] : '';
        const pending = REQUEST_ID.test(requestId) ? this.#pending.get(requestId) : undefined;
        // Another instance's request reads as unknown: its id is not the caller's to learn about.
        if (!pending || pending.instanceId !== caller.instanceId) throw new ControlRefusal(status.NOT_FOUND, `no certificate request ${JSON.stringify(requestId.slice(0, 40))} is pending for this instance`);
        pending.settle(answerOf(pending, req));
        return {};
      }),
    };
  }
}

/** The node's answer, checked: a certificate for the requested name and public key, or its refusal. */
function answerOf(p: Pending, req: Record<string, unknown>): RelayedCertificate | IssuanceFailed {
  const certificate = typeof req['certificate'] === 'string' ? req['certificate'] : '';
  if (!certificate) return new IssuanceFailed(false, `the node refused: ${String(req['refusal'] ?? '').slice(0, 256) || 'no reason given'}`);
  try {
    const cert = new X509Certificate(certificate);
    const cn = /(?:^|\n)CN=([^\n]*)/.exec(cert.subject)?.[1];
    if (cn !== p.commonName || !cert.publicKey.export({ type: 'spki', format: 'der' }).equals(p.spki)) {
      return new IssuanceFailed(false, 'the node answered a certificate for another name or public key');
    }
    return { certificate, serial: normalSerial(cert.serialNumber) };
  } catch {
    return new IssuanceFailed(false, 'the node answered something that is not a certificate');
  }
}
