import type { NatsConnection } from '@nats-io/transport-node';
import { ConcurrencyError, JetStreamEventStore } from '@dew/event-store';
import { accountDecider, rewrapAccessKeySecret, type AccountEvent, type AccountState } from '@dew/iam-domain';
import { streams } from '@dew/messaging';
import { emptyCount, rewrapBlob, type Rewrap, type StepCount } from './rewrap.js';

/** services/iam/src/access-keys/secrets.ts: an SK is wrapped with its access key as binding. */
const secretAad = (accessKey: string) => `access-key:${accessKey}`;

/** Its trace is a system action of the tool or service re-wrapping (libs/read-models traces). */
const systemAction = (actor: string) => ({ 'Dew-User-Id': 'system', 'Dew-User-Name': actor });

interface Account {
  state: AccountState;
  lastSequence: number;
}

/**
 * Permanent access keys' SKs live wrapped in IAM's events (AccessKeyCreated), which are never
 * rewritten: each account gets an AccessKeySecretRewrapped event per key instead, appended with
 * the account subject's last sequence expected: a concurrent change (the IAM service running,
 * during a rotation) fails the append instead of being lost, and the key is left for the next pass.
 */
export async function rewrapAccessKeySecrets(nc: NatsConnection, r: Rewrap): Promise<StepCount> {
  const store = new JetStreamEventStore(nc);
  const accounts = new Map<string, Account>();
  for (const msg of await store.read<AccountEvent>(streams.iamEvents.name)) {
    const account = accounts.get(msg.subject) ?? { state: accountDecider.initialState, lastSequence: 0 };
    account.state = msg.events.reduce(accountDecider.evolve, account.state);
    account.lastSequence = msg.streamSequence;
    accounts.set(msg.subject, account);
  }
  const count = emptyCount();
  const keys = [...accounts].flatMap(([subject, a]) => (a.state.status === 'Active' ? [...a.state.accessKeys.values()].map((k) => ({ subject, a, k })) : []));
  r.progress.start('IAM access keys', keys.length);
  for (const { subject, a, k } of keys) {
    const wrapped = await rewrapBlob(r, Buffer.from(k.wrappedSecret, 'base64'), secretAad(k.accessKey), count);
    if (!wrapped || a.state.status !== 'Active') continue;
    const wrappedSecret = wrapped.toString('base64');
    const events = rewrapAccessKeySecret(a.state, { accessKey: k.accessKey, wrappedSecret, now: Date.now() });
    let streamSequence: number;
    try {
      ({ streamSequence } = await store.append(subject, events, { expectedSubjectSequence: a.lastSequence, messageId: `${r.actor}:${k.accessKey}:${wrapped.subarray(-12).toString('hex')}`, headers: systemAction(r.actor) }));
    } catch (err) {
      if (!(err instanceof ConcurrencyError)) throw err;
      count.left += 1;
      continue;
    }
    a.state = events.reduce(accountDecider.evolve, a.state);
    a.lastSequence = streamSequence;
    count.rewrapped += 1;
  }
  return count;
}
