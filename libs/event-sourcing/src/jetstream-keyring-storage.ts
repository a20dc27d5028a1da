import { jetstreamManager, type JetStreamManager } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';
import type { KeyringStorage } from '@dew/crypto';
import { publishToStream } from '@dew/messaging';

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

  async get(ownerId: string): Promise<Uint8Array | null> {
    const msg = await (await this.#manager()).streams.getMessage(this.stream, { last_by_subj: this.subjectOf(ownerId) });
    return msg ? msg.data : null;
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
