import { allUserPermissions, inboxPrefixOf, type SubjectPermissions } from './permissions.js';
import { subjectMatches } from './subject-match.js';

function mayPublish(p: SubjectPermissions, subject: string): boolean {
  return p.publish.allow.some((pattern) => subjectMatches(pattern, subject)) && !(p.publish.deny ?? []).some((pattern) => subjectMatches(pattern, subject));
}

/** The NATS users whose permissions let them publish a request to `subject`. */
export function callersOf(subject: string): string[] {
  return Object.entries(allUserPermissions())
    .filter(([, permissions]) => mayPublish(permissions, subject))
    .map(([user]) => user);
}

/**
 * Whether a request on `subject` may be answered (docs/bus-security.md): its reply subject must
 * be the private inbox of a user allowed to call `subject`. A message JetStream delivers (a push
 * consumer or a republish pointed at a request subject) carries a `$JS.ACK.…` reply or none, so
 * its stored, possibly forged context headers are never obeyed.
 */
export function replyGuardFor(subject: string): (reply: string | undefined) => boolean {
  const prefixes = callersOf(subject).map((user) => `${inboxPrefixOf(user)}.`);
  return (reply) => reply !== undefined && reply !== '' && prefixes.some((prefix) => reply.startsWith(prefix));
}
