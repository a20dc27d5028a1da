import { KMS_KEY, T0, USER_A, created, given, hosted, manyCreated, md5, oneEvent, publicKey, sha256, stateAfter } from '../fixtures.spec.js';
import { KEYPAIR_QUOTA } from '../rules/keypair-fields.js';
import { findVisibleKeypair, keypairCount } from '../state/queries.js';
import type { CreateKeypair } from './decide.js';

const create = (over: Partial<CreateKeypair> = {}): CreateKeypair => ({
  type: 'CreateKeypair',
  userId: USER_A,
  name: 'web',
  scope: 'user',
  keypairType: 'ssh',
  algorithm: 'SSH_RSA_2048',
  publicKey: publicKey(7),
  fingerprint: md5(7),
  fingerprintSha256: sha256(7),
  imported: false,
  privateKey: null,
  now: T0 + 10,
  ...over,
});

describe('CreateKeypair', () => {
  it('generated pair in an empty set: KeypairCreated with id 1, empty description; folded, the owner sees it with createdAt = updatedAt', () => {
    given().when(create()).then([
      {
        type: 'KeypairCreated',
        keypairId: 1,
        name: 'web',
        scope: 'user',
        userId: USER_A,
        keypairType: 'ssh',
        algorithm: 'SSH_RSA_2048',
        publicKey: publicKey(7),
        fingerprint: md5(7),
        fingerprintSha256: sha256(7),
        privateKey: null,
        description: '',
        at: T0 + 10,
      },
    ]);
    given().when(create({ description: 'deploy key' })).thenSucceeds((_, state) => {
      expect(findVisibleKeypair(state, USER_A, 'web')).toEqual({
        id: 1,
        name: 'web',
        scope: 'user',
        userId: USER_A,
        type: 'ssh',
        algorithm: 'SSH_RSA_2048',
        publicKey: publicKey(7),
        fingerprint: md5(7),
        fingerprintSha256: sha256(7),
        imported: false,
        privateKey: null,
        description: 'deploy key',
        createdAt: T0 + 10,
        updatedAt: T0 + 10,
      });
    });
  });

  it('imported pair with a hosted private key: KeypairImported; folded, imported is true and the sealed key is kept', () => {
    given()
      .when(create({ imported: true, privateKey: hosted(1) }))
      .thenSucceeds((events, state) => {
        expect(events).toEqual([expect.objectContaining({ type: 'KeypairImported', privateKey: hosted(1) })]);
        expect(findVisibleKeypair(state, USER_A, 'web')).toMatchObject({ imported: true, privateKey: hosted(1) });
      });
  });

  it('ids: the next id follows the highest ever used; a deleted pair id is not reused', () => {
    given([created(1), created(2)]).when(create()).thenSucceeds((events) => expect(events[0]).toMatchObject({ keypairId: 3 }));
    const deleted = [
      created(1),
      created(2),
      { type: 'KeypairDeleted' as const, keypairId: 2, name: 'pair-0002', privateKeyOwner: null, unboundServerIds: [], at: T0 + 50 },
    ];
    expect(stateAfter(...deleted).lastKeypairNumber).toBe(2);
    given(deleted).when(create()).thenSucceeds((events) => expect(events[0]).toMatchObject({ keypairId: 3 }));
  });

  it('name: 64 characters of [A-Za-z0-9_-] accepted; 65, empty, ".", "@" and "/" refused with KPS.0002 naming the rule', () => {
    given().when(create({ name: 'A'.repeat(64) })).thenSucceeds(oneEvent);
    given().when(create({ name: 'a_B-9' })).thenSucceeds(oneEvent);
    given().when(create({ name: 'a'.repeat(65) })).thenRefuses({ code: 'KPS.0002', status: 400, message: 'name must be 1..64 characters, got 65' });
    given().when(create({ name: '' })).thenRefuses({ code: 'KPS.0002', message: 'got 0' });
    given().when(create({ name: 'my.key' })).thenRefuses({ code: 'KPS.0002', message: 'got "." at position 3' });
    given().when(create({ name: 'x@y' })).thenRefuses({ code: 'KPS.0002', message: '"@"' });
    given().when(create({ name: 'a/b' })).thenRefuses({ code: 'KPS.0002', message: 'A-Z a-z 0-9 _ -' });
  });

  it('description: 255 characters accepted, 256 refused (characters, not bytes)', () => {
    given().when(create({ description: '密'.repeat(255) })).thenSucceeds(oneEvent);
    given().when(create({ description: 'x'.repeat(256) })).thenRefuses({ code: 'KPS.0002', message: 'description must be at most 255 characters, got 256' });
  });

  it('scope, type and imported outside their sets are refused naming the field and the value', () => {
    given().when(create({ scope: 'project' as never })).thenRefuses({ code: 'KPS.0002', message: 'scope must be one of domain, user, got "project"' });
    given().when(create({ keypairType: 'pgp' as never })).thenRefuses({ code: 'KPS.0002', message: 'type must be one of ssh, x509, got "pgp"' });
    given().when(create({ imported: 'yes' as never })).thenRefuses({ code: 'KPS.0002', message: 'imported' });
    given().when(create({ keypairType: 'x509' })).thenSucceeds((events) => expect(events[0]).toMatchObject({ keypairType: 'x509' }));
  });

  it('algorithm, public key and fingerprints of the wrong shape are refused naming the field', () => {
    given().when(create({ algorithm: '' })).thenRefuses({ code: 'KPS.0002', message: 'algorithm' });
    given().when(create({ publicKey: 'ssh-ed25519' })).thenRefuses({ code: 'KPS.0002', message: 'public_key must be one OpenSSH line' });
    given().when(create({ publicKey: 'ssh-ed25519 not*base64' })).thenRefuses({ code: 'KPS.0002', message: 'public_key' });
    given().when(create({ publicKey: `${publicKey(1)}\nssh-rsa AAAA` })).thenRefuses({ code: 'KPS.0002', message: 'public_key' });
    given().when(create({ publicKey: `ssh-ed25519 ${'A'.repeat(16_400)}` })).thenRefuses({ code: 'KPS.0002', message: 'at most 16384' });
    given().when(create({ fingerprint: md5(7).toUpperCase() })).thenRefuses({ code: 'KPS.0002', message: 'fingerprint must be an MD5 fingerprint' });
    given().when(create({ fingerprintSha256: 'SHA256:abc' })).thenRefuses({ code: 'KPS.0002', message: 'fingerprint_sha256' });
  });

  it('a hosted private key with an empty envelope or owner is our bug: KPS.0500, and the refusal never shows the envelope', () => {
    given().when(create({ privateKey: { ...hosted(1), sealed: '' } })).thenRefuses({ code: 'KPS.0500', status: 500, message: 'sealed' });
    given().when(create({ privateKey: { ...hosted(1), owner: '' } })).thenRefuses({ code: 'KPS.0500', message: 'owner' });
    const refusal = given().when(create({ privateKey: { ...hosted(1), kmsKeyId: '' } })).thenRefuses({ code: 'KPS.0002', message: 'kms_key_id' });
    expect(refusal.message).not.toContain(hosted(1).sealed);
  });

  it(`quota: the ${KEYPAIR_QUOTA}th pair is accepted, the next refused with KPS.1001 naming the limit; deleting one frees a slot`, () => {
    const almost = manyCreated(KEYPAIR_QUOTA - 1);
    given(almost).when(create()).thenSucceeds(oneEvent);
    const full = manyCreated(KEYPAIR_QUOTA);
    expect(keypairCount(stateAfter(...full))).toBe(KEYPAIR_QUOTA);
    given(full)
      .when(create())
      .thenRefuses({ code: 'KPS.1001', status: 400, message: `quota of ${KEYPAIR_QUOTA} key pairs per account reached (${KEYPAIR_QUOTA} key pairs)` });
    const freed = [
      ...full,
      { type: 'KeypairDeleted' as const, keypairId: 5, name: 'pair-0005', privateKeyOwner: null, unboundServerIds: [], at: T0 + 5000 },
    ];
    given(freed).when(create()).thenSucceeds((events) => expect(events[0]).toMatchObject({ keypairId: KEYPAIR_QUOTA + 1 }));
  });

  it('the hosted private key kept in state is the one given, under its KMS key', () => {
    given().when(create({ privateKey: hosted(3, KMS_KEY) })).thenSucceeds((_, state) => {
      expect(findVisibleKeypair(state, USER_A, 'web')?.privateKey).toEqual({ kmsKeyId: KMS_KEY, sealed: 'SEALED-PRIVATE-KEY-3', owner: 'owner-3' });
    });
  });
});
