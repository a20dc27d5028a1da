import { assertNever } from '@dew/decider';
import { ConcurrencyError, type JetStreamEventStore, type StoredMessage } from '@dew/event-store';
import { streams, subjects } from '@dew/messaging';
import { isRootKeyHolder, mayWriteOnRing, rootKeyRingDecider, type RootKeyRing, type RootKeyRingCommand, type RootKeyRingEvent, type RootKeyRingWriter } from '@dew/root-key-domain';

export interface RingAt {
  readonly ring: RootKeyRing;
  /** The stream sequence of the ring's last message (0: no rotation ever). */
  readonly sequence: number;
}

/** The writer a ring subject names: `rootkey.events` the rotation tool, `rootkey.events.<holder>` that holder; null otherwise. */
export function ringWriterOf(subject: string): RootKeyRingWriter | null {
  if (subject === subjects.rootKeyRing) return { tool: true };
  const holder = subject.slice(subjects.rootKeyReports('').length);
  return subject === subjects.rootKeyReports(holder) && isRootKeyHolder(holder) ? { holder } : null;
}

/**
 * Folds one message of the ring, dropping every event its subject's writer may not write
 * (mayWriteOnRing: a holder reporting for another, a holder creating a version); `dropped` hears of each.
 */
export function foldRingMessage(ring: RootKeyRing, msg: Pick<StoredMessage<RootKeyRingEvent>, 'subject' | 'events'>, dropped?: (e: RootKeyRingEvent) => void): RootKeyRing {
  const writer = ringWriterOf(msg.subject);
  return msg.events.reduce((r, e) => {
    if (writer && mayWriteOnRing(writer, e)) return rootKeyRingDecider.evolve(r, e);
    dropped?.(e);
    return r;
  }, ring);
}

/** The root key ring as the stream ROOT_KEY holds it now. */
export async function readRootKeyRing(store: JetStreamEventStore): Promise<RingAt> {
  const messages = await store.read<RootKeyRingEvent>(streams.rootKey.name);
  return {
    ring: messages.reduce((ring, m) => foldRingMessage(ring, m), rootKeyRingDecider.initialState),
    sequence: messages.at(-1)?.streamSequence ?? 0,
  };
}

/** Each writer appends to its own subject (ringWriterOf reads it back). */
const subjectOf = (c: RootKeyRingCommand): string => (c.type === 'CreateRootKeyVersion' ? subjects.rootKeyRing : subjects.rootKeyReports(c.holder));

const messageIdOf = (c: RootKeyRingCommand): string => {
  switch (c.type) {
    case 'CreateRootKeyVersion':
      return `rootkey:create:v${c.version}`;
    case 'CompleteRootKeyRewrap':
      return `rootkey:rewrap:${c.holder}:v${c.version}`;
    default:
      return assertNever(c);
  }
};

/**
 * Decides `command` on the ring as stored and appends its events with the ring's last sequence
 * expected; another writer in between makes it read and decide again. Returns the events appended
 * (none: nothing to change). Refusals (RootKeyRefusal) pass through.
 */
export async function executeOnRing(store: JetStreamEventStore, command: RootKeyRingCommand, actor: string, attempts = 20): Promise<readonly RootKeyRingEvent[]> {
  for (let attempt = 1; ; attempt++) {
    const { ring, sequence } = await readRootKeyRing(store);
    const events = rootKeyRingDecider.decide(ring, command);
    if (events.length === 0) return events;
    try {
      // The ring spans the writers' subjects: the stream's last sequence is the ring's.
      await store.append(subjectOf(command), events, { expectedStreamSequence: sequence, messageId: messageIdOf(command), headers: { 'Dew-User-Id': 'system', 'Dew-User-Name': actor } });
      return events;
    } catch (err) {
      if (!(err instanceof ConcurrencyError) || attempt >= attempts) throw err;
      await new Promise((r) => setTimeout(r, 20 + Math.random() * 80));
    }
  }
}
