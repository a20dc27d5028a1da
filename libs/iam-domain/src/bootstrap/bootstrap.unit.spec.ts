import { findAccessKey, listProjects } from '../index.js';
import { ADMIN_ID, AK_ADMIN, DOMAIN_ID, HASH, PROJECT_ID, T0, WRAPPED, bootstrap, exactly, given } from '../account.fixtures.spec.js';
import { history } from '../iam.fixtures.spec.js';

describe('decide: BootstrapDomain', () => {
  it('BootstrapDomain: on Absent → domain, region project, admin user and its key, in that order', () => {
    given([]).when(bootstrap).then([
      { type: 'DomainCreated', domainId: DOMAIN_ID, name: 'dew', at: T0 },
      { type: 'ProjectCreated', projectId: PROJECT_ID, domainId: DOMAIN_ID, name: 'dew-local', at: T0 },
      { type: 'UserCreated', userId: ADMIN_ID, domainId: DOMAIN_ID, name: 'admin', passwordHash: HASH, isDomainAdmin: true, enabled: true, description: '', at: T0 },
      { type: 'AccessKeyCreated', accessKey: AK_ADMIN, userId: ADMIN_ID, wrappedSecret: WRAPPED, description: '', at: T0 },
    ]);
  });

  it('BootstrapDomain: events folded → usable admin key and the region project', () => {
    given([]).when(bootstrap).thenSucceeds((_, state) => {
      expect(findAccessKey(state, AK_ADMIN)).toMatchObject({ usable: true, user: { id: ADMIN_ID, isDomainAdmin: true } });
      expect(listProjects(state).map((p) => p.name)).toEqual(['dew-local']);
    });
  });

  it('BootstrapDomain: domain already exists → IAM.0003', () => {
    given(history([], bootstrap)).when(bootstrap).thenRefuses({ code: 'IAM.0003', message: exactly(`domain ${DOMAIN_ID} already exists`) });
  });

  it('BootstrapDomain: one invalid field (user name) → IAM.0001 and no events at all', () => {
    given([]).when({ ...bootstrap, userName: 'a'.repeat(65) }).thenRefuses({ code: 'IAM.0001' });
  });
});
