import { callersOf, replyGuardFor } from './request-callers.js';

describe('who may call a request subject', () => {
  it('iam requests: the gateway only; iam.bootstrap: the runner only', () => {
    expect(callersOf('iam.create-group')).toEqual(['gateway']);
    expect(callersOf('iam.bootstrap')).toEqual(['runner']);
  });

  it('kms data-key calls: the gateway, csms and kps (both their connections); the key-dependents rows: kms only', () => {
    expect(callersOf('kms.create-datakey').sort()).toEqual(['csms', 'csms-streams', 'gateway', 'kps', 'kps-streams']);
    expect(callersOf('csms.key-dependents').sort()).toEqual(['kms', 'kms-streams']);
    expect(callersOf('kps.key-dependents').sort()).toEqual(['kms', 'kms-streams']);
  });

  it('KMS\'s access to Dedicated HSM instances (key stores): kms only, never the gateway', () => {
    expect(callersOf('dhsm.issue-kms-certificate').sort()).toEqual(['kms', 'kms-streams']);
    expect(callersOf('dhsm.show-kms-endpoint').sort()).toEqual(['kms', 'kms-streams']);
  });

  it('probes of requests in flight (sys.inflight.<service>): whoever may call that service\'s rows, and its answers go only to their inboxes', () => {
    expect(callersOf('sys.inflight.kms').sort()).toEqual(['csms', 'csms-streams', 'gateway', 'kps', 'kps-streams']);
    expect(callersOf('sys.inflight.iam').sort()).toEqual(['csms', 'csms-streams', 'gateway', 'kms', 'kms-streams', 'kps', 'kps-streams', 'runner']);
    const guard = replyGuardFor('sys.inflight.kms');
    expect(guard('_INBOX.gateway.abc.def')).toBe(true);
    expect(guard('evt.kms.p1.keyring')).toBe(false);
    expect(callersOf('sys.inflight.audit')).toEqual(['gateway']);
  });

  it('read models: the replay tool only', () => {
    expect(callersOf('sys.models.kms')).toEqual(['replay']);
  });
});

describe('replyGuardFor', () => {
  const iamGuard = replyGuardFor('iam.create-group');

  it('reply to the gateway\'s private inbox: answered', () => {
    expect(iamGuard('_INBOX.gateway.AbCdEf123.4')).toBe(true);
  });

  it('JetStream delivery (a $JS.ACK reply) to a request subject: refused', () => {
    expect(iamGuard('$JS.ACK.EVT_KMS.forge.1.1.1.1700000000000000000.0')).toBe(false);
  });

  it('no reply subject (a core publish or a republish): refused', () => {
    expect(iamGuard(undefined)).toBe(false);
    expect(iamGuard('')).toBe(false);
  });

  it('reply to the inbox of a user not allowed to call the subject, or to the shared _INBOX: refused', () => {
    expect(iamGuard('_INBOX.kms.AbCdEf.1')).toBe(false);
    expect(iamGuard('_INBOX.AbCdEf.1')).toBe(false);
    expect(iamGuard('_INBOX.gatewayx.AbCdEf.1')).toBe(false);
  });
});
