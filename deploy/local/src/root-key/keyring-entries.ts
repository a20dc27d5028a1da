import { jetstream, jetstreamManager, type JetStreamManager } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';
import { emptyCount, rewrapBlob, type Rewrap, type StepCount } from './rewrap.js';

/**
 * Re-wraps every live entry of one keyring stream (`keyring.<ctx>.<owner>`, bound as
 * `keyring:<owner>`; libs/crypto/src/keyring.ts). The new entry is published with the old one's
 * sequence as the subject's expected last, then the old one is securely erased. A run stopped
 * between the two leaves an older source-format message under a target-format one: the next run
 * erases it.
 */
export async function rewrapKeyringStream(nc: NatsConnection, stream: string, prefix: string, r: Rewrap): Promise<StepCount> {
  const jsm = await jetstreamManager(nc);
  const js = jetstream(nc);
  const info = await jsm.streams.info(stream);
  const count = emptyCount();
  r.progress.start(stream, info.state.messages);
  for (let seq = info.state.first_seq; seq > 0 && seq <= info.state.last_seq; seq++) {
    const msg = await jsm.streams.getMessage(stream, { seq });
    if (!msg) continue;
    const last = await jsm.streams.getMessage(stream, { last_by_subj: msg.subject });
    if (last && last.seq !== msg.seq) {
      await eraseSuperseded(jsm, stream, msg.seq, last.data, r, count);
      continue;
    }
    const wrapped = await rewrapBlob(r, msg.data, `keyring:${msg.subject.slice(prefix.length)}`, count);
    if (!wrapped) continue;
    await js.publish(msg.subject, wrapped, { expect: { lastSubjectSequence: msg.seq } });
    await jsm.streams.deleteMessage(stream, msg.seq, true);
    count.rewrapped += 1;
  }
  return count;
}

/** An entry a later message of its subject replaced: the copy an interrupted run left behind. */
async function eraseSuperseded(jsm: JetStreamManager, stream: string, seq: number, latest: Uint8Array, r: Rewrap, count: StepCount): Promise<void> {
  r.progress.tick();
  if (latest[0] !== r.targetVersion) throw new Error(`${stream} holds two entries of one owner (sequence ${seq} and a later one) that are not from a migration; stopping`);
  await jsm.streams.deleteMessage(stream, seq, true);
  count.already += 1;
}
