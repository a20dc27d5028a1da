import { Metadata, status, type handleServerStreamingCall, type handleUnaryCall, type ServerUnaryCall, type ServerWritableStream } from '@grpc/grpc-js';
import { normalSerial } from '@dew/x509';
import { parseNodeCommonName, type NodeIdentity } from '../identity.js';

/** A refusal with a message fit for the node (never key material, never another instance's data). */
export class ControlRefusal extends Error {
  constructor(readonly code: status, message: string) {
    super(message);
  }
}

/** Whether a certificate of the control CA may still act as the node it names (e.g. only its current one). */
export type Admission = (caller: NodeIdentity, serial: string) => boolean;

/**
 * A verified caller: the node its certificate names, and the certificate's serial. Each launch of
 * a node gets a fresh certificate, so the serial tells one run of a node from the next.
 */
export interface Caller extends NodeIdentity {
  readonly serial: string;
}

type Call = ServerUnaryCall<unknown, unknown> | ServerWritableStream<unknown, unknown>;
export type Request = Record<string, unknown>;

/**
 * The caller, from its verified client certificate only: TLS has checked it chains to the control
 * CA, and its common name states the instance and node (docs/hsm-appliance.md "Control plane").
 */
export function callerOf(call: Call, admits?: Admission): Caller {
  const cert = call.getAuthContext()?.sslPeerCertificate;
  const cn = cert?.subject?.CN;
  if (!cert || typeof cn !== 'string') throw new ControlRefusal(status.UNAUTHENTICATED, 'a client certificate of the control CA is required');
  const caller = parseNodeCommonName(cn);
  if (!caller) throw new ControlRefusal(status.PERMISSION_DENIED, `the client certificate names no node: ${JSON.stringify(cn)}`);
  const serial = normalSerial(cert.serialNumber);
  if (admits && !admits(caller, serial)) {
    throw new ControlRefusal(status.UNAUTHENTICATED, `the client certificate is not the current one of node ${caller.nodeId} of ${caller.instanceId}`);
  }
  return { ...caller, serial };
}

function statusOf(err: unknown): { code: status; details: string } {
  if (err instanceof ControlRefusal) return { code: err.code, details: err.message };
  // A NATS failure: the node retries; the text stays in the control plane.
  return { code: status.UNAVAILABLE, details: 'the control plane could not reach its store' };
}

export function unary(admits: Admission | undefined, handler: (caller: Caller, req: Request) => Promise<object>): handleUnaryCall<unknown, unknown> {
  return (call, cb) => {
    void (async () => {
      try {
        cb(null, await handler(callerOf(call, admits), call.request as Request));
      } catch (err) {
        cb(statusOf(err));
      }
    })();
  };
}

/**
 * A server stream: `run` starts the source and returns its stop; the headers go out once the
 * source runs, so a client that awaited them misses no change made after.
 */
export function serverStream(
  admits: Admission | undefined,
  run: (caller: Caller, req: Request, call: ServerWritableStream<unknown, unknown>) => Promise<() => void>,
): handleServerStreamingCall<unknown, unknown> {
  return (call) => {
    void (async () => {
      try {
        const stop = await run(callerOf(call, admits), call.request as Request, call);
        if (call.cancelled) return stop();
        call.once('cancelled', stop);
        call.sendMetadata(new Metadata());
      } catch (err) {
        failStream(call, err);
      }
    })();
  };
}

/** Ends a server stream with the error's status (the text of a NATS failure stays here). */
export function failStream(call: ServerWritableStream<unknown, unknown>, err: unknown): void {
  call.emit('error', statusOf(err));
}

/** Writes one message, waiting while the client is slow (so a long mirror is not buffered whole). */
export async function write(call: ServerWritableStream<unknown, unknown>, message: object): Promise<void> {
  if (call.cancelled || call.write(message)) return;
  await new Promise<void>((resolve) => {
    const done = (): void => {
      call.off('drain', done);
      call.off('cancelled', done);
      resolve();
    };
    call.once('drain', done);
    call.once('cancelled', done);
  });
}
