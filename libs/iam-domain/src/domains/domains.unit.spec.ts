import { ADMIN_ID, DOMAIN_ID, HASH, PROJECT_ID, T0, T1, USER_ID, domainCreated, exactly, given, userCreated } from '../account.fixtures.spec.js';

const PROJECT2_ID = '22222222222222222222222222222222';
const name64 = 'a'.repeat(64);
const name65 = 'a'.repeat(65);
const createDomain = (name: string, domainId = DOMAIN_ID) => ({ type: 'CreateDomain', domainId, name, now: T0 }) as const;
const createUser = (name: string, extra: object = {}) =>
  ({ type: 'CreateUser', userId: ADMIN_ID, name, passwordHash: HASH, isDomainAdmin: false, now: T0, ...extra }) as const;
const createProject = (name: string, projectId = PROJECT_ID) => ({ type: 'CreateProject', projectId, name, now: T0 }) as const;
const projectCreated = { type: 'ProjectCreated', projectId: PROJECT_ID, domainId: DOMAIN_ID, name: 'dew-local', at: T0 } as const;
const aliceDisabled = [domainCreated, userCreated, { type: 'UserDisabled', userId: USER_ID, at: T1 }] as const;
const oneEvent = (events: readonly unknown[]) => expect(events).toHaveLength(1);

describe('decide: CreateDomain', () => {
  it('CreateDomain: on Absent → DomainCreated', () => {
    given([]).when(createDomain('dew')).then([domainCreated]);
  });

  it('CreateDomain: domain exists → IAM.0003', () => {
    given([domainCreated]).when(createDomain('dew')).thenRefuses({ code: 'IAM.0003', status: 409, message: exactly(`domain ${DOMAIN_ID} already exists`) });
  });

  it('CreateDomain: name of 64 chars → created; 65 chars → IAM.0001 naming limit and length', () => {
    given([]).when(createDomain(name64)).thenSucceeds(oneEvent);
    given([]).when(createDomain(name65)).thenRefuses({ code: 'IAM.0001', message: exactly('domain name must be 1–64 characters (got 65)') });
  });

  it('CreateDomain: domain_id not 32 lower-case hex → IAM.0001', () => {
    given([]).when(createDomain('dew', DOMAIN_ID.toUpperCase())).thenRefuses({ code: 'IAM.0001', message: /^domain_id must be 32 lower-case hex characters/ });
  });

  it('any other command: on Absent → IAM.0002 domain does not exist', () => {
    given([]).when(createProject('dew-local')).thenRefuses({ code: 'IAM.0002', message: exactly('domain does not exist') });
  });
});

describe('decide: CreateProject', () => {
  it('CreateProject: new name → ProjectCreated in the domain', () => {
    given([domainCreated]).when(createProject('dew-local')).then([projectCreated]);
  });

  it('CreateProject: name taken in the domain → IAM.0003', () => {
    given([domainCreated, projectCreated]).when(createProject('dew-local', PROJECT2_ID)).thenRefuses({
      code: 'IAM.0003', message: exactly(`project name "dew-local" already exists in domain ${DOMAIN_ID}`),
    });
  });

  it('CreateProject: id taken → IAM.0003', () => {
    given([domainCreated, projectCreated]).when(createProject('other')).thenRefuses({ code: 'IAM.0003' });
  });

  it('CreateProject: name of 64 chars → created; 65 chars or a space → IAM.0001', () => {
    given([domainCreated]).when(createProject(name64)).thenSucceeds(oneEvent);
    given([domainCreated]).when(createProject(name65)).thenRefuses({ code: 'IAM.0001' });
    given([domainCreated]).when(createProject('dew local')).thenRefuses({
      code: 'IAM.0001',
      message: exactly('project name may contain only letters, digits, "_" and "-" (got " " at position 4)'),
    });
  });
});

describe('decide: CreateUser', () => {
  it('CreateUser: new name → UserCreated, enabled by default', () => {
    given([domainCreated]).when(createUser('Ops team.lead_1-x')).then([
      { type: 'UserCreated', userId: ADMIN_ID, domainId: DOMAIN_ID, name: 'Ops team.lead_1-x', passwordHash: HASH, isDomainAdmin: false, enabled: true, description: '', at: T0 },
    ]);
  });

  it('CreateUser: enabled false and no password → created disabled with a null hash', () => {
    given([domainCreated])
      .when(createUser('bot', { enabled: false, passwordHash: null }))
      .thenSucceeds((events) => expect(events[0]).toMatchObject({ enabled: false, passwordHash: null }));
  });

  it('CreateUser: name taken in the domain → IAM.0003', () => {
    given([domainCreated, userCreated]).when(createUser('alice')).thenRefuses({
      code: 'IAM.0003', status: 409, message: exactly(`user name "alice" already exists in domain ${DOMAIN_ID}`),
    });
  });

  it('CreateUser: user id taken → IAM.0003', () => {
    given([domainCreated, userCreated]).when(createUser('bob', { userId: USER_ID })).thenRefuses({ code: 'IAM.0003', message: exactly(`user ${USER_ID} already exists`) });
  });

  it('CreateUser: name of 64 chars → created; 65 chars → IAM.0001', () => {
    given([domainCreated]).when(createUser(name64)).thenSucceeds(oneEvent);
    given([domainCreated]).when(createUser(name65)).thenRefuses({ code: 'IAM.0001', message: exactly('user name must be 1–64 characters (got 65)') });
  });

  it('CreateUser: empty name, "!" or a leading digit → IAM.0001', () => {
    given([domainCreated]).when(createUser('')).thenRefuses({ code: 'IAM.0001' });
    given([domainCreated]).when(createUser('al!ce')).thenRefuses({ code: 'IAM.0001', message: '(got "!" at position 3)' });
    given([domainCreated]).when(createUser('1alice')).thenRefuses({ code: 'IAM.0001', message: exactly('user name must not start with a digit (got "1alice")') });
  });

  it('CreateUser: empty password hash → IAM.0001 that does not echo it', () => {
    given([domainCreated]).when(createUser('bob', { passwordHash: '' })).thenRefuses({
      code: 'IAM.0001', message: exactly('passwordHash must be a non-empty string or null'),
    });
  });

  it('CreateUser: refused for its name → message does not contain the password hash', () => {
    expect(given([domainCreated]).when(createUser(name65)).thenRefuses({ code: 'IAM.0001' }).message).not.toContain(HASH);
  });
});

describe('decide: EnableUser / DisableUser', () => {
  const enable = { type: 'EnableUser', actorId: ADMIN_ID, userId: USER_ID, now: T1 } as const;
  const disable = { type: 'DisableUser', actorId: ADMIN_ID, userId: USER_ID, now: T1 } as const;

  it('DisableUser: enabled user → UserDisabled', () => {
    given([domainCreated, userCreated]).when(disable).then([{ type: 'UserDisabled', userId: USER_ID, at: T1 }]);
  });

  it('EnableUser: disabled user → UserEnabled', () => {
    given(aliceDisabled).when(enable).then([{ type: 'UserEnabled', userId: USER_ID, at: T1 }]);
  });

  it('EnableUser / DisableUser: already in that state → no events', () => {
    given([domainCreated, userCreated]).when(enable).then([]);
    given(aliceDisabled).when(disable).then([]);
  });

  it('DisableUser: unknown user → IAM.0002', () => {
    given([domainCreated]).when(disable).thenRefuses({ code: 'IAM.0002', status: 404, message: exactly(`user "${USER_ID}" does not exist`) });
  });
});
