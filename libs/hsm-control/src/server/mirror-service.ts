import { JetStreamApiCodes, JetStreamApiError, type JetStreamClient, type JetStreamManager } from '@nats-io/jetstream';
import { foreignReason, startOrderedRun } from '@dew/event-store';
import { publishToStream } from '@dew/messaging';
import type { NatsConnection } from '@nats-io/transport-node';
import { status } from '@grpc/grpc-js';
import { instanceNames } from '../names.js';
import { boundedValue, positiveSequence } from './limits.js';
import { ControlRefusal, failStream, serverStream, unary, write, type Admission } from './calls.js';

/** PublishMirror, FollowMirror, LastMirrorSequence over the shared HSM_MIRROR stream, on the caller's subject only. */
export function mirrorService(nc: NatsConnection, js: JetStreamClient, jsm: JetStreamManager, admits: Admission | undefined) {
  return {
    PublishMirror: unary(admits, async (caller, req) => {
      const data = req['data'];
      if (!Buffer.isBuffer(data) || data.length === 0) throw new ControlRefusal(status.INVALID_ARGUMENT, 'data is required');
      boundedValue('data', data.length);
      const names = instanceNames(caller.instanceId);
      const ack = await publishToStream(nc, names.mirrorSubject, data, { expect: { stream: names.mirrorStream } });
      return { seq: ack.seq };
    }),
    FollowMirror: serverStream(admits, async (caller, req, call) => {
      const names = instanceNames(caller.instanceId);
      const run = await startOrderedRun(js, names.mirrorStream, { from: positiveSequence(req, 'seq'), until: 0, subject: names.mirrorSubject }, (m) =>
        // A message bound to another subject is a copy: its sequence goes on, its bytes do not (MirrorLog skips it).
        write(call, foreignReason(m.subject, m.headers) === undefined ? { seq: m.seq, data: Buffer.from(m.data) } : { seq: m.seq, data: Buffer.alloc(0), stray: true }));
      void run.closed.then((err) => (err ? failStream(call, err) : call.end()));
      return () => void run.stop();
    }),
    LastMirrorSequence: unary(admits, async (caller) => {
      const names = instanceNames(caller.instanceId);
      // The stream's sequence counts every instance's records: this instance's last one is what counts.
      const seq = await jsm.streams.getMessage(names.mirrorStream, { last_by_subj: names.mirrorSubject }).then(
        (m) => m?.seq ?? 0,
        (err: unknown) => {
          if (err instanceof JetStreamApiError && err.code === JetStreamApiCodes.NoMessageFound) return 0;
          throw err;
        },
      );
      return { seq };
    }),
  };
}
