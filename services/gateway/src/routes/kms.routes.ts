import {
  CreateKeyRequest, KeyOpRequest, ListKeysRequest, ScheduleKeyDeletionRequest, UpdateKeyAliasRequest,
  UpdateKeyDescriptionRequest,
} from '@dew/contracts';
import { routeBuilder } from './http-route.js';
import type { HttpMethod, RouteSpec } from './route.js';

const route = routeBuilder('kms', 'kms', '/v1.0/:project_id/kms', true);

/** Grant operations (docs/authorization.md, "Grants"): a grant can allow these on one key without any IAM policy. */
const GRANT_COVERABLE = new Set([
  'create-datakey', 'create-datakey-without-plaintext', 'encrypt-datakey', 'decrypt-datakey', 'encrypt-data',
  'decrypt-data', 'describe-key', 'create-grant', 'retire-grant',
]);

/** Decrypts whose ciphertext names its key, with the ciphertext's text encoding (docs/ciphertext.md). */
const KEY_FROM_CIPHERTEXT: Readonly<Record<string, 'base64' | 'hex'>> = { 'decrypt-data': 'base64', 'decrypt-datakey': 'hex' };

function kms(verb: string, action: string, dto?: new () => object, method: HttpMethod = 'POST', successStatus: 200 | 204 = 200): RouteSpec {
  const keyFromCiphertext = KEY_FROM_CIPHERTEXT[verb];
  return route(method, verb, verb, action, {
    successStatus,
    ...(keyFromCiphertext ? { keyFromCiphertext } : {}),
    grantCoverable: GRANT_COVERABLE.has(verb),
    ...(dto ? { dto } : {}),
  });
}

/**
 * Every KMS route with its IAM action (docs/architecture.md, "Operations"). A route whose use case is not
 * deployed yet still authenticates and authorises, then answers 503 (no responder on its subject).
 * Operations that share a coarse 1.1 name check their own fine (v5) action; a policy naming the
 * coarse name still covers them (docs/authorization.md).
 */
export const kmsRoutes: readonly RouteSpec[] = [
  kms('create-key', 'kms:cmk:create', CreateKeyRequest),
  kms('describe-key', 'kms:cmk:get', KeyOpRequest),
  kms('list-keys', 'kms:cmk:list', ListKeysRequest),
  kms('enable-key', 'kms:cmk:enable', KeyOpRequest),
  kms('disable-key', 'kms:cmk:disable', KeyOpRequest),
  kms('schedule-key-deletion', 'kms:cmk:update', ScheduleKeyDeletionRequest),
  kms('cancel-key-deletion', 'kms:cmk:update', KeyOpRequest),
  kms('update-key-alias', 'kms:cmk:update', UpdateKeyAliasRequest),
  kms('update-key-description', 'kms:cmk:update', UpdateKeyDescriptionRequest),
  kms('update-key-enterprise-project', 'kms:cmk:update'),
  kms('delete-key-risk-tips', 'kms:cmk:get'),
  kms('user-instances', 'kms:cmk:getInstance', undefined, 'GET'),
  kms('user-quotas', 'kms:cmk:getQuota', undefined, 'GET'),
  kms('create-datakey', 'kms:cmk:createDataKey'),
  kms('create-datakey-without-plaintext', 'kms:cmk:createDataKeyWithoutPlaintext'),
  kms('encrypt-datakey', 'kms:cmk:encryptDataKey'),
  kms('decrypt-datakey', 'kms:cmk:decryptDataKey'),
  kms('encrypt-data', 'kms:cmk:encryptData'),
  kms('decrypt-data', 'kms:cmk:decryptData'),
  kms('sign', 'kms:cmk:sign'),
  kms('verify', 'kms:cmk:verify'),
  kms('get-publickey', 'kms:cmk:getPublicKey'),
  kms('gen-random', 'kms:cmk:generate'),
  kms('get-parameters-for-import', 'kms:cmk:getMaterial'),
  kms('import-key-material', 'kms:cmk:importMaterial'),
  kms('delete-imported-key-material', 'kms:cmk:deleteMaterial'),
  kms('create-grant', 'kms:grant:create'),
  kms('revoke-grant', 'kms:grant:revoke'),
  kms('retire-grant', 'kms:grant:retire'),
  kms('list-grants', 'kms:grant:list'),
  kms('list-retirable-grants', 'kms:grant:list'),
  kms('enable-key-rotation', 'kms:cmk:enableRotation'),
  kms('disable-key-rotation', 'kms:cmk:disableRotation'),
  kms('update-key-rotation-interval', 'kms:cmk:updateRotation'),
  kms('get-key-rotation-status', 'kms:cmk:getRotation'),
  kms('rotate-on-demand', 'kms:cmk:rotate'),
  kms('resource_instances/action', 'kms:cmkTag:listInstance'),
  route('GET', 'tags', 'list-project-tags', 'kms:cmkTag:list'),
  route('GET', ':key_id/tags', 'show-key-tags', 'kms:cmkTag:list'),
  route('POST', ':key_id/tags', 'create-key-tag', 'kms:cmkTag:create', { successStatus: 204 }),
  route('POST', ':key_id/tags/action', 'batch-key-tags', 'kms:cmkTag:batch', { successStatus: 204 }),
  route('DELETE', ':key_id/tags/:tag_key', 'delete-key-tag', 'kms:cmkTag:delete', { successStatus: 204 }),
];
