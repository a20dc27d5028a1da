import type { AccountEvent } from '../index.js';
import { domainIdByName, domainOfAccessKey, domainOfProject, domainOfUser, emptyDirectory, evolveDirectory } from './directory.js';
import { ADMIN_ID, AK1, AK_ADMIN, DOMAIN_ID, PROJECT_ID, T1, USER_ID, akCreated, bootstrap, userCreated } from '../account.fixtures.spec.js';
import { history } from '../iam.fixtures.spec.js';

const OTHER_DOMAIN = 'fedcba9876543210fedcba9876543210';
const build = (events: readonly AccountEvent[]) => events.reduce(evolveDirectory, emptyDirectory());
const bootstrapEvents = history([], bootstrap);

describe('directory', () => {
  it('evolveDirectory: bootstrap events → AK, project, user and domain name indexed to the domain', () => {
    const dir = build(bootstrapEvents);
    expect(domainOfAccessKey(dir, AK_ADMIN)).toBe(DOMAIN_ID);
    expect(domainOfProject(dir, PROJECT_ID)).toBe(DOMAIN_ID);
    expect(domainOfUser(dir, ADMIN_ID)).toBe(DOMAIN_ID);
    expect(domainIdByName(dir, 'dew')).toBe(DOMAIN_ID);
  });

  it('evolveDirectory: two domains → each key found in its own domain', () => {
    const other: AccountEvent[] = [
      { type: 'DomainCreated', domainId: OTHER_DOMAIN, name: 'other', at: T1 },
      { ...userCreated, domainId: OTHER_DOMAIN },
      akCreated(AK1),
    ];
    const dir = build([...bootstrapEvents, ...other]);
    expect(domainOfAccessKey(dir, AK1)).toBe(OTHER_DOMAIN);
    expect(domainOfAccessKey(dir, AK_ADMIN)).toBe(DOMAIN_ID);
    expect(domainOfUser(dir, USER_ID)).toBe(OTHER_DOMAIN);
  });

  it('evolveDirectory: AccessKeyDeleted → key no longer found; status and user changes → directory unchanged', () => {
    const dir = build(bootstrapEvents);
    expect(evolveDirectory(dir, { type: 'AccessKeyStatusChanged', accessKey: AK_ADMIN, status: 'inactive', at: T1 })).toBe(dir);
    expect(evolveDirectory(dir, { type: 'UserDisabled', userId: ADMIN_ID, at: T1 })).toBe(dir);
    expect(domainOfAccessKey(evolveDirectory(dir, { type: 'AccessKeyDeleted', accessKey: AK_ADMIN, at: T1 }), AK_ADMIN)).toBeNull();
  });

  it('evolveDirectory: domain name reused by another domain → the first keeps the name', () => {
    const dir = build([...bootstrapEvents, { type: 'DomainCreated', domainId: OTHER_DOMAIN, name: 'dew', at: T1 }]);
    expect(domainIdByName(dir, 'dew')).toBe(DOMAIN_ID);
    expect(dir.domains.get(OTHER_DOMAIN)).toBe('dew');
  });

  it('rebuild: folding the same events twice → equal directories, the first left untouched', () => {
    const first = build(bootstrapEvents);
    const snapshot = JSON.stringify(first);
    expect(build(bootstrapEvents)).toEqual(first);
    evolveDirectory(first, { type: 'AccessKeyDeleted', accessKey: AK_ADMIN, at: T1 });
    expect(JSON.stringify(first)).toBe(snapshot);
  });

  it('lookups: unknown or inherited property names → null', () => {
    const dir = build(bootstrapEvents);
    expect(domainOfAccessKey(dir, 'constructor')).toBeNull();
    expect(domainOfProject(dir, '__proto__')).toBeNull();
    expect(domainIdByName(dir, 'toString')).toBeNull();
  });
});
