import { assertNever } from '@dew/decider';
import { ConcurrencyError, type JetStreamEventStore } from '@dew/event-store';
import { streams, subjects } from '@dew/messaging';
import { rootKeyRingDecider, type RootKeyRing, type RootKeyRingCommand, type RootKeyRingEvent } from '@dew/root-key-domain';

export interface RingAt {
  readonly ring: RootKeyRing;
  /** The stream sequence of the ring's last message (0: no rotation ever). */
  readonly sequence: number;
}

/** The root key ring as the stream ROOT_KEY holds it now. */
export async function readRootKeyRing(store: JetStreamEventStore): Promise<RingAt> {
  const messages = await store.read<RootKeyRingEvent>(streams.rootKey.name);
  return {
    ring: messages.reduce((ring, m) => m.events.reduce(rootKeyRingDecider.evolve, ring), rootKeyRingDecider.initialState),
    sequence: messages.at(-1)?.streamSequence ?? 0,
  };
}

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
      await store.append(subjects.rootKeyRing, events, { expectedSubjectSequence: sequence, messageId: messageIdOf(command), headers: { 'Dew-User-Id': 'system', 'Dew-User-Name': actor } });
      return events;
    } catch (err) {
      if (!(err instanceof ConcurrencyError) || attempt >= attempts) throw err;
      await new Promise((r) => setTimeout(r, 20 + Math.random() * 80));
    }
  }
}
