import { initialAccount } from '../index.js';
import { decide } from '../index.js';
import { ADMIN_ID, DOMAIN_ID, HASH, PROJECT_ID, T0, T1, USER_ID, domainCreated, given, refusal, userCreated } from '../account.fixtures.spec.js';

const name64 = 'a'.repeat(64);
const name65 = 'a'.repeat(65);
const createUser = (name: string, extra: object = {}) =>
  ({ type: 'CreateUser', userId: ADMIN_ID, name, passwordHash: HASH, isDomainAdmin: false, now: T0, ...extra }) as const;
const createProject = (name: string, projectId = PROJECT_ID) => ({ type: 'CreateProject', projectId, name, now: T0 }) as const;

describe('decide: CreateDomain', () => {
  it('CreateDomain: on Absent → DomainCreated', () => {
    expect(decide(initialAccount(), { type: 'CreateDomain', domainId: DOMAIN_ID, name: 'dew', now: T0 })).toEqual([domainCreated]);
  });

  it('CreateDomain: domain exists → IAM.0003', () => {
    const err = refusal(() => decide(given(domainCreated), { type: 'CreateDomain', domainId: DOMAIN_ID, name: 'dew', now: T0 }));
    expect(err).toMatchObject({ code: 'IAM.0003', status: 409, message: `domain ${DOMAIN_ID} already exists` });
  });

  it('CreateDomain: name of 64 chars → created; 65 chars → IAM.0001 naming limit and length', () => {
    expect(decide(initialAccount(), { type: 'CreateDomain', domainId: DOMAIN_ID, name: name64, now: T0 })).toHaveLength(1);
    const err = refusal(() => decide(initialAccount(), { type: 'CreateDomain', domainId: DOMAIN_ID, name: name65, now: T0 }));
    expect(err).toMatchObject({ code: 'IAM.0001', message: 'domain name must be 1–64 characters (got 65)' });
  });

  it('CreateDomain: domain_id not 32 lower-case hex → IAM.0001', () => {
    const err = refusal(() => decide(initialAccount(), { type: 'CreateDomain', domainId: DOMAIN_ID.toUpperCase(), name: 'dew', now: T0 }));
    expect(err).toMatchObject({ code: 'IAM.0001' });
    expect(err.message).toMatch(/^domain_id must be 32 lower-case hex characters/);
  });

  it('any other command: on Absent → IAM.0002 domain does not exist', () => {
    expect(refusal(() => decide(initialAccount(), createProject('dew-local')))).toMatchObject({ code: 'IAM.0002', message: 'domain does not exist' });
  });
});

describe('decide: CreateProject', () => {
  it('CreateProject: new name → ProjectCreated in the domain', () => {
    expect(decide(given(domainCreated), createProject('dew-local'))).toEqual([
      { type: 'ProjectCreated', projectId: PROJECT_ID, domainId: DOMAIN_ID, name: 'dew-local', at: T0 },
    ]);
  });

  it('CreateProject: name taken in the domain → IAM.0003', () => {
    const state = given(domainCreated, ...decide(given(domainCreated), createProject('dew-local')));
    const err = refusal(() => decide(state, createProject('dew-local', '22222222222222222222222222222222')));
    expect(err).toMatchObject({ code: 'IAM.0003', message: `project name "dew-local" already exists in domain ${DOMAIN_ID}` });
  });

  it('CreateProject: id taken → IAM.0003', () => {
    const state = given(domainCreated, ...decide(given(domainCreated), createProject('dew-local')));
    expect(refusal(() => decide(state, createProject('other')))).toMatchObject({ code: 'IAM.0003' });
  });

  it('CreateProject: name of 64 chars → created; 65 chars or a space → IAM.0001', () => {
    expect(decide(given(domainCreated), createProject(name64))).toHaveLength(1);
    expect(refusal(() => decide(given(domainCreated), createProject(name65)))).toMatchObject({ code: 'IAM.0001' });
    expect(refusal(() => decide(given(domainCreated), createProject('dew local')))).toMatchObject({
      code: 'IAM.0001',
      message: 'project name may contain only letters, digits, "_" and "-" (got " " at position 4)',
    });
  });
});

describe('decide: CreateUser', () => {
  it('CreateUser: new name → UserCreated, enabled by default', () => {
    expect(decide(given(domainCreated), createUser('Ops team.lead_1-x'))).toEqual([
      { type: 'UserCreated', userId: ADMIN_ID, domainId: DOMAIN_ID, name: 'Ops team.lead_1-x', passwordHash: HASH, isDomainAdmin: false, enabled: true, description: '', at: T0 },
    ]);
  });

  it('CreateUser: enabled false and no password → created disabled with a null hash', () => {
    expect(decide(given(domainCreated), createUser('bot', { enabled: false, passwordHash: null }))[0]).toMatchObject({ enabled: false, passwordHash: null });
  });

  it('CreateUser: name taken in the domain → IAM.0003', () => {
    const err = refusal(() => decide(given(domainCreated, userCreated), createUser('alice')));
    expect(err).toMatchObject({ code: 'IAM.0003', status: 409, message: `user name "alice" already exists in domain ${DOMAIN_ID}` });
  });

  it('CreateUser: user id taken → IAM.0003', () => {
    const err = refusal(() => decide(given(domainCreated, userCreated), createUser('bob', { userId: USER_ID })));
    expect(err).toMatchObject({ code: 'IAM.0003', message: `user ${USER_ID} already exists` });
  });

  it('CreateUser: name of 64 chars → created; 65 chars → IAM.0001', () => {
    expect(decide(given(domainCreated), createUser(name64))).toHaveLength(1);
    expect(refusal(() => decide(given(domainCreated), createUser(name65)))).toMatchObject({
      code: 'IAM.0001', message: 'user name must be 1–64 characters (got 65)',
    });
  });

  it('CreateUser: empty name, "!" or a leading digit → IAM.0001', () => {
    expect(refusal(() => decide(given(domainCreated), createUser('')))).toMatchObject({ code: 'IAM.0001' });
    expect(refusal(() => decide(given(domainCreated), createUser('al!ce'))).message).toContain('(got "!" at position 3)');
    expect(refusal(() => decide(given(domainCreated), createUser('1alice'))).message).toBe('user name must not start with a digit (got "1alice")');
  });

  it('CreateUser: empty password hash → IAM.0001 that does not echo it', () => {
    const err = refusal(() => decide(given(domainCreated), createUser('bob', { passwordHash: '' })));
    expect(err).toMatchObject({ code: 'IAM.0001', message: 'passwordHash must be a non-empty string or null' });
  });

  it('CreateUser: refused for its name → message does not contain the password hash', () => {
    expect(refusal(() => decide(given(domainCreated), createUser(name65))).message).not.toContain(HASH);
  });
});

describe('decide: EnableUser / DisableUser', () => {
  it('DisableUser: enabled user → UserDisabled', () => {
    expect(decide(given(domainCreated, userCreated), { type: 'DisableUser', actorId: ADMIN_ID, userId: USER_ID, now: T1 })).toEqual([
      { type: 'UserDisabled', userId: USER_ID, at: T1 },
    ]);
  });

  it('EnableUser: disabled user → UserEnabled', () => {
    const state = given(domainCreated, userCreated, { type: 'UserDisabled', userId: USER_ID, at: T1 });
    expect(decide(state, { type: 'EnableUser', actorId: ADMIN_ID, userId: USER_ID, now: T1 })).toEqual([{ type: 'UserEnabled', userId: USER_ID, at: T1 }]);
  });

  it('EnableUser / DisableUser: already in that state → no events', () => {
    expect(decide(given(domainCreated, userCreated), { type: 'EnableUser', actorId: ADMIN_ID, userId: USER_ID, now: T1 })).toEqual([]);
    const disabled = given(domainCreated, userCreated, { type: 'UserDisabled', userId: USER_ID, at: T1 });
    expect(decide(disabled, { type: 'DisableUser', actorId: ADMIN_ID, userId: USER_ID, now: T1 })).toEqual([]);
  });

  it('DisableUser: unknown user → IAM.0002', () => {
    expect(refusal(() => decide(given(domainCreated), { type: 'DisableUser', actorId: ADMIN_ID, userId: USER_ID, now: T1 }))).toMatchObject({
      code: 'IAM.0002', status: 404, message: `user "${USER_ID}" does not exist`,
    });
  });
});
