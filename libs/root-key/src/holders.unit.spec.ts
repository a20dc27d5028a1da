import { runnerPermissions, SERVICE_NAMES, servicePermissions, streams, subjects } from '@dew/messaging';
import { ROOT_KEY_HOLDERS, rootKeyRingDecider, type RootKeyRingEvent } from '@dew/root-key-domain';
import { foldRingMessage, ringWriterOf } from './ring.js';

const ringSubjects = (s: string) => servicePermissions(s).publish.allow.filter((p) => p.startsWith('rootkey.'));

describe('root key holders and their NATS grants', () => {
  it('exactly the holders may append to the ring, each only to its own report subject (messaging grants ↔ root-key-domain list)', () => {
    const appending = SERVICE_NAMES.filter((s) => ringSubjects(s).length > 0);
    expect([...appending].sort()).toEqual([...ROOT_KEY_HOLDERS].sort());
    for (const h of ROOT_KEY_HOLDERS) expect(ringSubjects(h)).toEqual([`rootkey.events.${h}`]);
  });

  it('only the runner (dew root-key rotate) may append to the versions subject; the stream captures both', () => {
    expect(runnerPermissions.publish.allow.filter((p) => p.startsWith('rootkey.'))).toEqual([subjects.rootKeyRing]);
    expect(streams.rootKey.subjects).toEqual([subjects.rootKeyRing, `${subjects.rootKeyRing}.*`]);
  });
});

describe('the ring read by subject', () => {
  const report = (holder: string): RootKeyRingEvent => ({ type: 'RootKeyRewrapCompleted', holder: holder as 'iam', version: 2, rewrapped: 0, at: 1 });
  const created: RootKeyRingEvent = { type: 'RootKeyVersionCreated', version: 2, provider: 'file', at: 1, by: 'test' };

  it('the subject names the writer: the tool, a holder, or nobody (unknown holder, deeper subject)', () => {
    expect(ringWriterOf('rootkey.events')).toEqual({ tool: true });
    expect(ringWriterOf('rootkey.events.iam')).toEqual({ holder: 'iam' });
    expect(ringWriterOf('rootkey.events.gateway')).toBeNull();
    expect(ringWriterOf('rootkey.events.')).toBeNull();
  });

  it("a report on another holder's subject, or a version from a holder → dropped and heard of; its own report counts", () => {
    const dropped: string[] = [];
    let ring = foldRingMessage(rootKeyRingDecider.initialState, { subject: 'rootkey.events', events: [created] });
    ring = foldRingMessage(ring, { subject: 'rootkey.events.kms', events: [report('iam'), { ...created, version: 3 }, report('kms')] }, (e) => dropped.push(e.type));
    expect(dropped).toEqual(['RootKeyRewrapCompleted', 'RootKeyVersionCreated']);
    expect(ring.current).toBe(2);
    expect(ring.rewrapped).toMatchObject({ kms: 2, iam: 1 });
  });
});
