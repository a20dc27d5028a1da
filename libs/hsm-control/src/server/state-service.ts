import type { KV, KvEntry } from '@nats-io/kv';
import { instanceNames } from '../names.js';
import { boundedValue, positiveSequence, stateKey } from './limits.js';
import { failStream, serverStream, unary, write, type Admission, type Request } from './calls.js';
import type { NodeIdentity } from '../identity.js';

const entryOf = (e: KvEntry | null) => (e === null || e.operation !== 'PUT' ? { present: false, value: '', revision: e?.revision ?? 0 } : { present: true, value: e.string(), revision: e.revision });

/** The full bucket key: always under the caller's instance prefix, whatever the request says. */
const scoped = (caller: NodeIdentity, req: Request): string => instanceNames(caller.instanceId).stateKeyPrefix + stateKey(req);

function value(req: Request): string {
  const v = typeof req['value'] === 'string' ? req['value'] : '';
  boundedValue('value', Buffer.byteLength(v));
  return v;
}

/** GetState … WatchState over the shared HSM_STATE bucket, each call within its caller's instance. */
export function stateService(kv: KV, admits: Admission | undefined) {
  // CAS failures come back as JetStream errors: "not written" is the answer, any other failure too
  // (as the node's own KV calls treated them before the control plane).
  const written = (p: Promise<unknown>) => p.then(() => ({ written: true }), () => ({ written: false }));
  return {
    GetState: unary(admits, async (caller, req) => entryOf(await kv.get(scoped(caller, req)))),
    PutState: unary(admits, async (caller, req) => {
      await kv.put(scoped(caller, req), value(req));
      return {};
    }),
    CreateState: unary(admits, async (caller, req) => written(kv.create(scoped(caller, req), value(req)))),
    UpdateState: unary(admits, async (caller, req) => written(kv.update(scoped(caller, req), value(req), positiveSequence(req, 'revision')))),
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
