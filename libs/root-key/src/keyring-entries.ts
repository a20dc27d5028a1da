import { jetstreamManager } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';
import { JetStreamEventStore } from '@dew/event-store';
import { publishToStream, WrongLastSequence } from '@dew/messaging';
import { keyringMessageKind } from '@dew/event-sourcing';
import { emptyCount, rewrapBlob, type Rewrap, type StepCount } from './rewrap.js';

/**
 * Re-wraps every live entry of one keyring stream (`keyring.<ctx>.<owner>`, bound as
 * `keyring:<owner>`; libs/crypto/src/keyring.ts). The new entry is published with the old one's
 * sequence as the subject's expected last, then the old one is securely erased. A run stopped
 * between the two leaves an older message under a done one: the next run erases it. Online (a
 * service's rotation), an owner destroyed or re-created meanwhile makes the publish fail its
 * expectation: that entry is left for the next run (gone by then, or already wrapped with the
 * current version). Stray messages on a keyring subject are passed over (keyringMessageKind).
 */
export async function rewrapKeyringStream(nc: NatsConnection, stream: string, prefix: string, r: Rewrap): Promise<StepCount> {
  const jsm = await jetstreamManager(nc);
  const store = new JetStreamEventStore(nc);
  const info = await jsm.streams.info(stream);
  const count = emptyCount();
  r.progress.start(stream, info.state.messages);
  for (let seq = info.state.first_seq; seq > 0 && seq <= info.state.last_seq; seq++) {
    const msg = await jsm.streams.getMessage(stream, { seq });
    if (!msg) continue;
    if (keyringMessageKind(msg) === 'stray') {
      r.progress.tick();
      continue;
    }
    const last = await jsm.streams.getMessage(stream, { last_by_subj: msg.subject });
    if (last && last.seq !== msg.seq && keyringMessageKind(last) !== 'stray') {
      r.progress.tick();
      if (!r.done(last.data)) throw new Error(`${stream} holds two entries of one owner (sequence ${msg.seq} and a later one) that are not from a re-wrap; stopping`);
      await store.erase(stream, msg.seq);
      count.already += 1;
      continue;
    }
    const wrapped = await rewrapBlob(r, msg.data, `keyring:${msg.subject.slice(prefix.length)}`, count);
    if (!wrapped) continue;
    try {
      // Expecting the subject's last message, which may be a stray one above the entry.
      // Bound to its subject like every DEW stream write (publishToStream).
      await publishToStream(nc, msg.subject, wrapped, { expect: { stream, lastSubjectSequence: last?.seq ?? msg.seq } });
    } catch (err) {
      if (!(err instanceof WrongLastSequence)) throw err;
      // The subject moved meanwhile (its owner destroyed or re-created, or a stray message): the
      // entry is left for the next run, so the rotation does not complete over it.
      count.left += 1;
      continue;
    }
    await store.erase(stream, msg.seq);
    count.rewrapped += 1;
  }
  return count;
}
