import { status, type ServerUnaryCall } from '@grpc/grpc-js';
import type { CallRecord } from '@dew/hsm-control';
import { RpcError, toServiceError } from './grpc-errors.js';
import type { Handler } from './unary.js';

/** Stores a record in the audit trail through the control plane; resolves once it is stored. */
export type RecordCall = (record: CallRecord) => Promise<void>;

type Fields = Record<string, unknown>;

/** A field's text for a record: '' when absent or not a string. */
export const text = (v: unknown): string => (typeof v === 'string' ? v : '');
/** The key a call made, as its reply names it. */
export const keyInReply = (_req: Fields, reply: Fields | undefined) => ({ id: text(reply?.['keyId']), name: text(reply?.['label']) });
/** The key a call acts on, as its request names it. */
export const keyInRequest = (req: Fields) => ({ id: text(req['keyId']), name: '' });

/** What a traced call names (docs/hsm.md, "Traces"): never a key, a PIN or a private half. */
export interface TracedCall {
  /** The appliance operation, as hsm-provisioning's table declares it. */
  readonly operation: string;
  /** The resource acted on, from the request and, when the call was served, the reply. */
  resource(req: Fields, reply: Fields | undefined): { readonly id: string; readonly name: string };
  /** Allow-listed request fields, public values only. */
  fields?(req: Fields): Record<string, string>;
}

/** Who called, as the node knows it: the UKey for admin calls, the client certificate for key calls. */
export type CallerOf = (call: ServerUnaryCall<unknown, unknown>, served: boolean) => string;

/** `ipv4:127.31.40.12:51234` → `127.31.40.12`. */
export function sourceIp(call: ServerUnaryCall<unknown, unknown>): string {
  const peer = call.getPeer();
  const m = /^ipv[46]:\[?([^\]]*?)\]?:\d+$/.exec(peer);
  return m?.[1] ?? peer;
}

/**
 * Runs the handler and records the call, served or refused, before answering: an operation the
 * audit trail could not store is answered UNAVAILABLE (and said so), never silently unaudited.
 */
export function traced(record: RecordCall, callerOf: CallerOf, spec: TracedCall, handler: Handler): Handler {
  return async (req, call) => {
    let reply: Fields | undefined;
    let failure: unknown;
    try {
      reply = (await handler(req, call)) as Fields;
    } catch (err) {
      failure = err;
    }
    const refusal = failure === undefined ? undefined : toServiceError(failure);
    const resource = spec.resource(req, reply);
    try {
      await record({
        operation: spec.operation, resourceId: resource.id, resourceName: resource.name, code: refusal ? (refusal.code ?? status.UNKNOWN) : 0, message: refusal?.details ?? '',
        caller: callerOf(call, refusal === undefined), sourceIp: sourceIp(call), request: spec.fields?.(req) ?? {},
      });
    } catch {
      throw new RpcError(status.UNAVAILABLE, `${spec.operation} was ${refusal ? 'refused' : 'done'}, but its audit record could not be stored: retry`);
    }
    if (failure !== undefined) throw failure;
    return reply as object;
  };
}
