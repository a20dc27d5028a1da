import { DAY, T0, created, given, history, keyId } from '../fixtures.spec.js';
import { findKey, type KeyPolicyDocument, type KeyringCommand, type KeyringEvent } from '../index.js';

const ID = keyId(1);
const NOW = T0 + DAY;
const DOC: KeyPolicyDocument = { Version: '1.1', Statement: [{ Effect: 'Allow', Action: ['kms:cmk:encryptData'], Principal: { IAM: ['user:u1'] } }] };
const OTHER: KeyPolicyDocument = { Version: '1.1', Statement: [{ Effect: 'Deny', Action: ['kms:cmk:*'], Principal: { IAM: ['user:u2'] } }] };

const create = (document = DOC, id = ID): KeyringCommand => ({ type: 'CreateKeyPolicy', keyId: id, document, now: NOW });
const update = (document = OTHER): KeyringCommand => ({ type: 'UpdateKeyPolicy', keyId: ID, document, now: NOW + 1 });
const remove = (): KeyringCommand => ({ type: 'DeleteKeyPolicy', keyId: ID, now: NOW + 2 });
const base: readonly KeyringEvent[] = [created(1)];

describe('key policies on a key', () => {
  it('create on a key without a policy: KeyPolicyCreated carrying the document, which the key then holds', () => {
    given(base).when(create()).then([{ type: 'KeyPolicyCreated', keyId: ID, document: DOC, at: NOW }]);
    given(base).when(create()).thenSucceeds((_, s) => expect(findKey(s, ID)?.policy).toEqual({ document: DOC, updatedAt: NOW }));
  });

  it('create on a key that has a policy: refused KMS.2802, nothing appended', () => {
    given(history(base, create())).when(create()).thenRefuses({ code: 'KMS.2802', message: `key ${ID} already has a key policy; use update-key-policy` });
  });

  it('update replaces the whole document and its time', () => {
    given(history(base, create())).when(update()).thenSucceeds((events, s) => {
      expect(events).toEqual([{ type: 'KeyPolicyUpdated', keyId: ID, document: OTHER, at: NOW + 1 }]);
      expect(findKey(s, ID)?.policy).toEqual({ document: OTHER, updatedAt: NOW + 1 });
    });
  });

  it('update or delete without a policy: refused KMS.2803 (404)', () => {
    given(base).when(update()).thenRefuses({ code: 'KMS.2803', status: 404 });
    given(base).when(remove()).thenRefuses({ code: 'KMS.2803', status: 404 });
  });

  it('delete removes the policy: the key is back to IAM and grants alone', () => {
    given(history(base, create())).when(remove()).thenSucceeds((events, s) => {
      expect(events).toEqual([{ type: 'KeyPolicyDeleted', keyId: ID, at: NOW + 2 }]);
      expect(findKey(s, ID)?.policy).toBeUndefined();
    });
  });

  it('a policy on an unknown key: refused KMS.0207', () => {
    given(base).when(create(DOC, keyId(7))).thenRefuses({ code: 'KMS.0207' });
  });
});
