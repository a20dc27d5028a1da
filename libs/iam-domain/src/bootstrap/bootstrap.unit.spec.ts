import { decide } from '../index.js';
import { findAccessKey, listProjects } from '../index.js';
import { ADMIN_ID, AK_ADMIN, DOMAIN_ID, HASH, PROJECT_ID, T0, WRAPPED, bootstrap, given, refusal } from '../account.fixtures.spec.js';
import { initialAccount } from '../index.js';

describe('decide: BootstrapDomain', () => {
  it('BootstrapDomain: on Absent → domain, region project, admin user and its key, in that order', () => {
    expect(decide(initialAccount(), bootstrap)).toEqual([
      { type: 'DomainCreated', domainId: DOMAIN_ID, name: 'dew', at: T0 },
      { type: 'ProjectCreated', projectId: PROJECT_ID, domainId: DOMAIN_ID, name: 'dew-local', at: T0 },
      { type: 'UserCreated', userId: ADMIN_ID, domainId: DOMAIN_ID, name: 'admin', passwordHash: HASH, isDomainAdmin: true, enabled: true, description: '', at: T0 },
      { type: 'AccessKeyCreated', accessKey: AK_ADMIN, userId: ADMIN_ID, wrappedSecret: WRAPPED, description: '', at: T0 },
    ]);
  });

  it('BootstrapDomain: events folded → usable admin key and the region project', () => {
    const state = given(...decide(initialAccount(), bootstrap));
    expect(findAccessKey(state, AK_ADMIN)).toMatchObject({ usable: true, user: { id: ADMIN_ID, isDomainAdmin: true } });
    expect(listProjects(state).map((p) => p.name)).toEqual(['dew-local']);
  });

  it('BootstrapDomain: domain already exists → IAM.0003', () => {
    const state = given(...decide(initialAccount(), bootstrap));
    expect(refusal(() => decide(state, bootstrap))).toMatchObject({ code: 'IAM.0003', message: `domain ${DOMAIN_ID} already exists` });
  });

  it('BootstrapDomain: one invalid field (user name) → IAM.0001 and no events at all', () => {
    expect(refusal(() => decide(initialAccount(), { ...bootstrap, userName: 'a'.repeat(65) }))).toMatchObject({ code: 'IAM.0001' });
  });
});
