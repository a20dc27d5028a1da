import { jetstreamManager, type JetStreamManager, type MsgRequest, type StoredMsg } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';
import { publishToStream, WRITTEN_FOR_HEADER } from '@dew/messaging';
import { looksLikeWrap, type KeyringStorage } from '@dew/crypto';
import { recordStreamAnomaly } from '@dew/event-store';

/**
 * How a message on a keyring subject reads: an entry written for that subject, an entry from
 * before the binding (unbound, shaped as a root-key wrap), or a stray one stored there on someone's
 * behalf (docs/bus-security.md, "Subjects the server publishes to").
 */
export function keyringMessageKind(m: Pick<StoredMsg, 'subject' | 'header' | 'data'>): 'bound' | 'unbound' | 'stray' {
  const binding = m.header?.get(WRITTEN_FOR_HEADER);
  if (binding === m.subject) return 'bound';
  return !binding && looksLikeWrap(m.data) ? 'unbound' : 'stray';
}

/**
 * Keyring entries as JetStream messages, one subject per owner (`keyring.<ctx>.<owner>`).
 * Erase is JetStream's secure erase (message delete without no_erase): the bytes are overwritten
 * in the store, so a later copy of the store's files does not hold the entry.
 */
export class JetStreamKeyringStorage implements KeyringStorage {
  #jsm: Promise<JetStreamManager> | undefined;

  constructor(
    private readonly nc: NatsConnection,
    private readonly stream: string,
    private readonly subjectOf: (ownerId: string) => string,
  ) {}

  /**
   * The owner's entry: the subject's newest message written for it. A message stored on the
   * subject on someone's behalf (an answer to a chosen reply subject: docs/bus-security.md,
   * "Subjects the server publishes to") is passed over; an entry from before the binding has none
   * and is the subject's first message (putNew expects the subject empty), shaped as a wrap.
   */
  async get(ownerId: string): Promise<Uint8Array | null> {
    const jsm = await this.#manager();
    const subject = this.subjectOf(ownerId);
    const last = await jsm.streams.getMessage(this.stream, { last_by_subj: subject });
    if (!last) return null;
    if (last.header?.get(WRITTEN_FOR_HEADER) === subject) return last.data;
    let newestBound: StoredMsg | undefined;
    let firstUnbound: StoredMsg | undefined;
    let strays = 0;
    for (let seq = 1; seq <= last.seq;) {
      // STREAM.MSG.GET with next_by_subj (nats-server 2.9): the subject's first message at or after seq.
      const m = await jsm.streams.getMessage(this.stream, { next_by_subj: subject, seq } as unknown as MsgRequest);
      if (!m) break;
      if (m.seq < seq || m.subject !== subject) throw new Error(`${this.stream}: asked for ${subject} from sequence ${seq}, nats-server answered ${m.subject} at ${m.seq}`);
      const kind = keyringMessageKind(m);
      if (kind === 'bound') newestBound = m;
      else if (kind === 'unbound' && firstUnbound === undefined) firstUnbound = m;
      else strays += 1;
      seq = m.seq + 1;
    }
    const entry = newestBound ?? firstUnbound;
    if (strays > 0) recordStreamAnomaly({ kind: 'foreign-message', stream: this.stream, subject, streamSequence: last.seq, reason: `${strays} messages on the subject are no keyring entry: passed over` });
    return entry ? entry.data : null;
  }

  async putNew(ownerId: string, wrapped: Uint8Array): Promise<void> {
    const subject = this.subjectOf(ownerId);
    // Expected sequence 0: a live entry is never replaced. No message id: once erased, an owner's
    // entry may be written anew (a restored secret keeps its id), which deduplication within the
    // stream's window would silently drop.
    await publishToStream(this.nc, subject, wrapped, { expect: { stream: this.stream, lastSubjectSequence: 0 } });
  }

  async erase(ownerId: string): Promise<void> {
    const jsm = await this.#manager();
    for (;;) {
      const msg = await jsm.streams.getMessage(this.stream, { last_by_subj: this.subjectOf(ownerId) });
      if (!msg) return;
      await jsm.streams.deleteMessage(this.stream, msg.seq, true);
    }
  }

  #manager(): Promise<JetStreamManager> {
    this.#jsm ??= jetstreamManager(this.nc);
    return this.#jsm;
  }
}
