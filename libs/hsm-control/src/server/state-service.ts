import type { KV, KvEntry } from '@nats-io/kv';
import { isWrongLastSequenceError } from '@dew/messaging';
import { instanceNames } from '../names.js';
import { boundedValue, positiveSequence, stateKey } from './limits.js';
import { status } from '@grpc/grpc-js';
import { ControlRefusal, failStream, serverStream, unary, write, type Admission, type Request } from './calls.js';
import type { NodeIdentity } from '../identity.js';

const entryOf = (e: KvEntry | null) => (e === null || e.operation !== 'PUT' ? { present: false, value: '', revision: e?.revision ?? 0 } : { present: true, value: e.string(), revision: e.revision });

/** The full bucket key: always under the caller's instance prefix, whatever the request says. */
const scoped = (caller: NodeIdentity, req: Request): string => instanceNames(caller.instanceId).stateKeyPrefix + stateKey(req);

const NODE_OWNED = /^exchange(?:-app)?\.([ab])$/;
const WRITE_ONCE = new Set(['ca', 'admin']);

/**
 * The key a write may touch (docs/hsm-appliance.md "Control plane"): a node's exchange points
 * only by that node, and the instance CA and the administrator's registration only once (by
 * CreateState), so neither node of an instance can overwrite what the other published.
 */
function writable(caller: NodeIdentity, req: Request, how: 'put' | 'create' | 'update'): string {
  const key = stateKey(req);
  const owner = NODE_OWNED.exec(key)?.[1];
  if (owner !== undefined && owner !== caller.nodeId) throw new ControlRefusal(status.PERMISSION_DENIED, `node ${caller.nodeId} may not write ${key}: it is node ${owner}'s`);
  if (how !== 'create' && WRITE_ONCE.has(key)) throw new ControlRefusal(status.PERMISSION_DENIED, `${key} is written once, by CreateState`);
  return scoped(caller, req);
}

function value(req: Request): string {
  const v = typeof req['value'] === 'string' ? req['value'] : '';
  boundedValue('value', Buffer.byteLength(v));
  return v;
}

/** GetState … WatchState over the shared HSM_STATE bucket, each call within its caller's instance. */
export function stateService(kv: KV, admits: Admission | undefined) {
  // A failed compare-and-swap is "not written" (another writer came first); any other failure (no
  // leader, a timeout, a server shedding load) says nothing of the sort and is UNAVAILABLE (calls.ts),
  // which the node retries, rather than "initialised already" for a fault of the moment.
  const written = (p: Promise<unknown>) => p.then(
    () => ({ written: true }),
    (err: unknown) => {
      if (isWrongLastSequenceError(err)) return { written: false };
      throw err;
    },
  );
  return {
    GetState: unary(admits, async (caller, req) => entryOf(await kv.get(scoped(caller, req)))),
    PutState: unary(admits, async (caller, req) => {
      await kv.put(writable(caller, req, 'put'), value(req));
      return {};
    }),
    CreateState: unary(admits, async (caller, req) => written(kv.create(writable(caller, req, 'create'), value(req)))),
    UpdateState: unary(admits, async (caller, req) => written(kv.update(writable(caller, req, 'update'), value(req), positiveSequence(req, 'revision')))),
    WatchState: serverStream(admits, async (caller, req, call) => {
      const watcher = await kv.watch({ key: scoped(caller, req) });
      void (async () => {
        for await (const e of watcher) await write(call, entryOf(e));
        call.end();
      })().catch((err: unknown) => failStream(call, err));
      return () => watcher.stop();
    }),
  };
}
