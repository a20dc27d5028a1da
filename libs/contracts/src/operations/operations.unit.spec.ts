import { OPERATIONS, eventTraces, operationOf, operationsAnsweredBy, patternsCallableBy } from './index.js';

describe('operation table', () => {
  it('every row has a unique name within its service and a unique subject', () => {
    const names = OPERATIONS.map((o) => `${o.service}:${o.name}`);
    expect(new Set(names).size).toBe(names.length);
    const patterns = OPERATIONS.flatMap((o) => (o.pattern ? [o.pattern] : []));
    expect(new Set(patterns).size).toBe(patterns.length);
    for (const p of patterns) expect(operationOf(p)?.pattern).toBe(p);
  });

  it('every HTTP row names its own IAM action of the form service:resource:verb and is callable by the gateway', () => {
    for (const o of OPERATIONS.filter((r) => r.http)) {
      expect([o.name, o.permission?.action]).toEqual([o.name, expect.stringMatching(/^[a-z]+:[A-Za-z]+:[A-Za-z]+$/)]);
      expect([o.name, o.callers]).toEqual([o.name, expect.arrayContaining(['gateway'])]);
    }
  });

  it('a row without a route is never callable by the gateway (internal subjects stay internal)', () => {
    const internal = OPERATIONS.filter((o) => !o.http && o.pattern).map((o) => o.pattern);
    expect(internal.sort()).toEqual(['csms.key-dependents', 'iam.authenticate', 'iam.bootstrap', 'iam.decide', 'kms.ensure-default-key', 'kms.resolve-alias', 'kps.key-dependents']);
    expect(patternsCallableBy('gateway')).toEqual(expect.arrayContaining(['iam.authenticate', 'kms.resolve-alias']));
    expect(patternsCallableBy('gateway')).not.toEqual(expect.arrayContaining(['iam.bootstrap']));
    expect(patternsCallableBy('gateway')).not.toContain('iam.decide');
    // kms asks hsm-provisioning about the instance of a key store (docs/api-decisions.md, "Key stores").
    expect(patternsCallableBy('kms').slice().sort()).toEqual(['csms.key-dependents', 'dhsm.show-hsm', 'dhsm.show-hsm-ca-certificate', 'iam.decide', 'kps.key-dependents']);
    for (const envelope of ['csms', 'kps']) {
      expect(patternsCallableBy(envelope).slice().sort()).toEqual(['iam.decide', 'kms.create-datakey', 'kms.decrypt-datakey', 'kms.ensure-default-key']);
    }
    expect(patternsCallableBy('runner')).toEqual(['iam.bootstrap']);
  });

  it('a row that changes state names the events it appends; a read appends none', () => {
    for (const o of OPERATIONS) {
      const events = Object.keys(o.trace?.events ?? {});
      if (o.flags.changesState) expect([o.name, o.trace?.name]).toEqual([o.name, expect.any(String)]);
      else expect([o.name, events]).toEqual([o.name, []]);
    }
  });

  it('rows appending the same event agree on its trace, so an event has one trace name', () => {
    expect(() => eventTraces()).not.toThrow();
    expect(eventTraces().get('KeyRotated')).toEqual({ name: 'rotateKey', resourceType: 'cmk' });
    expect(eventTraces().get('UserEnabled')).toEqual({ name: 'enableUser', resourceType: 'user' });
    expect(eventTraces().get('ProjectCreated')).toEqual({ name: 'createProject', resourceType: 'project' });
  });

  it('only grant-coverable KMS rows may be allowed by a grant, and only create-access-key takes a signature once', () => {
    expect(OPERATIONS.filter((o) => o.flags.grantCoverable).every((o) => o.service === 'kms')).toBe(true);
    expect(OPERATIONS.filter((o) => o.flags.singleUseSignature).map((o) => o.pattern)).toEqual(['iam.create-access-key']);
  });

  it('each service answers exactly its own rows', () => {
    expect(operationsAnsweredBy('audit').map((o) => o.pattern)).toEqual(['cts.list-traces']);
    for (const o of operationsAnsweredBy('kms')) expect(o.pattern?.startsWith('kms.')).toBe(true);
    expect(operationsAnsweredBy('kms').map((o) => o.name)).not.toContain('delete-key');
  });
});
