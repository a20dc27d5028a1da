// The operation-to-action table of Huawei's KMS user guide, row by row: each operation's IAM action,
// evaluated against each of the four system policies of table 6-1, gives exactly the table's √/x.
import { evaluate, type Decision } from './evaluate.js';
import { SYSTEM_POLICY_IDS, findSystemPolicy } from '../index.js';

type Mark = '√' | 'x';
/** Operation, its action (1.1 name), its v5 name where §9 gives another, then the four columns. */
type Row = readonly [operation: string, action: string, v5: string | null, admin: Mark, cmkFull: Mark, keypairFull: Mark, keypairReadOnly: Mark];

const KMS = ['√', '√', 'x', 'x'] as const;
const KPS_WRITE = ['x', 'x', '√', 'x'] as const;
const KPS_READ = ['x', 'x', '√', '√'] as const;

const TABLE_6_2: readonly Row[] = [
  ['Creating a key', 'kms:cmk:create', null, ...KMS],
  ['Enable a key', 'kms:cmk:enable', null, ...KMS],
  ['Disable a key', 'kms:cmk:disable', null, ...KMS],
  ['Schedule key deletion', 'kms:cmk:update', null, ...KMS],
  ['Cancel scheduled key deletion', 'kms:cmk:update', null, ...KMS],
  ['Modify a key alias', 'kms:cmk:update', null, ...KMS],
  ['Modify key description', 'kms:cmk:update', null, ...KMS],
  ['Generate a random number', 'kms:cmk:generate', 'kms::generateRandom', ...KMS],
  ['Create a DEK', 'kms:dek:create', 'kms:cmk:createDataKey', ...KMS],
  ['Create a plaintext-free DEK', 'kms:dek:create', 'kms:cmk:createDataKeyWithoutPlaintext', ...KMS],
  ['Encrypt a DEK', 'kms:dek:crypto', 'kms:cmk:encryptDataKey', ...KMS],
  ['Decrypt a DEK', 'kms:dek:crypto', 'kms:cmk:decryptDataKey', ...KMS],
  ['Obtain parameters for importing a key', 'kms:cmk:getMaterial', null, ...KMS],
  ['Import key materials', 'kms:cmk:importMaterial', null, ...KMS],
  ['Delete key materials', 'kms:cmk:deleteMaterial', null, ...KMS],
  ['Create a grant', 'kms:grant:create', null, ...KMS],
  ['Revoke a grant', 'kms:grant:revoke', null, ...KMS],
  ['Retire a grant', 'kms:grant:retire', 'kms:cmk:retireGrant', ...KMS],
  ['Query the grant list', 'kms:grant:list', null, ...KMS],
  ['Query retirable grants', 'kms:grant:list', null, ...KMS],
  ['Encrypt data', 'kms:cmk:crypto', 'kms:cmk:encryptData', ...KMS],
  ['Decrypt data', 'kms:cmk:crypto', 'kms:cmk:decryptData', ...KMS],
  ['Send signature messages', 'kms:cmk:sign', null, ...KMS],
  ['Authenticate signature', 'kms:cmk:verify', null, ...KMS],
  ['Enabling key rotation', 'kms:cmk:enableRotation', null, ...KMS],
  ['Modify key rotation interval', 'kms:cmk:updateRotation', null, ...KMS],
  ['Disabling key rotation', 'kms:cmk:disableRotation', null, ...KMS],
  ['Query key rotation status', 'kms:cmk:getRotation', null, ...KMS],
  ['Query CMK instances', 'kms:cmkTag:listInstance', null, ...KMS],
  ['Query key tags', 'kms:cmkTag:list', null, ...KMS],
  ['Query project tags', 'kms:cmkTag:list', null, ...KMS],
  ['Batch add or delete key tags', 'kms:cmkTag:batch', null, ...KMS],
  ['Add tags to a key', 'kms:cmkTag:create', null, ...KMS],
  ['Delete key tags', 'kms:cmkTag:delete', null, ...KMS],
  ['Query the key list', 'kms:cmk:list', null, ...KMS],
  ['Query key details', 'kms:cmk:get', null, ...KMS],
  ['Query public key', 'kms:cmk:getPublicKey', null, ...KMS],
  ['Query instance quantity', 'kms:cmk:getInstance', null, ...KMS],
  ['Query quotas', 'kms:cmk:getQuota', null, ...KMS],
  ['Query the key pair list', 'kps:domainKeypairs:list', 'kps:SSHKeyPair:list', ...KPS_READ],
  ['Create or import a key pair', 'kps:domainKeypairs:create', 'kps:SSHKeyPair:create', ...KPS_WRITE],
  ['Query key pairs', 'kps:domainKeypairs:get', 'kps:SSHKeyPair:get', ...KPS_READ],
  ['Delete a key pair', 'kps:domainKeypairs:delete', 'kps:SSHKeyPair:delete', ...KPS_WRITE],
  ['Update key pair description', 'kps:domainKeypairs:update', 'kps:SSHKeyPair:update', ...KPS_WRITE],
  ['Bind a key pair', 'kps:domainKeypairs:bind', 'kps:SSHKeyPair:bind', ...KPS_WRITE],
  ['Unbind a key pair', 'kps:domainKeypairs:unbind', 'kps:SSHKeyPair:unbind', ...KPS_WRITE],
  ['Query a binding task', 'kps:tasks:get', null, ...KPS_READ],
  ['Query failed tasks', 'kps:tasks:list', null, ...KPS_READ],
  ['Delete all failed tasks', 'kps:tasks:delete', null, ...KPS_WRITE],
  ['Delete a failed task', 'kps:tasks:delete', null, ...KPS_WRITE],
  ['Query running tasks', 'kps:tasks:list', null, ...KPS_READ],
];

const COLUMNS = [
  ['KMS Administrator', SYSTEM_POLICY_IDS.kmsAdministrator],
  ['KMS CMKFullAccess', SYSTEM_POLICY_IDS.kmsCmkFullAccess],
  ['DEW KeypairFullAccess', SYSTEM_POLICY_IDS.keypairFullAccess],
  ['DEW KeypairReadOnlyAccess', SYSTEM_POLICY_IDS.keypairReadOnlyAccess],
] as const;

const expected = (mark: Mark): Decision => (mark === '√' ? 'Allow' : 'NoAllow');

function decisionOf(policyId: string, action: string): Decision {
  const policy = findSystemPolicy(policyId);
  if (policy === null) throw new Error(`no system policy ${policyId}`);
  return evaluate([policy.document], { action });
}

describe('guide table 6-2', () => {
  it('table 6-2: all 51 operations are present', () => {
    expect(TABLE_6_2).toHaveLength(51);
  });

  describe.each(TABLE_6_2)('%s (%s)', (_operation, action, v5, ...marks) => {
    const cases = COLUMNS.map(([name, id], i) => [name, marks[i] ?? 'x', expected(marks[i] ?? 'x'), id] as const);
    it.each(cases)('%s: %s → %s', (_name, mark, _decision, id) => {
      expect(decisionOf(id, action)).toBe(expected(mark));
      if (v5 !== null) expect(decisionOf(id, v5)).toBe(expected(mark));
    });
  });

  it('column names: match the display names of the system policies', () => {
    for (const [name, id] of COLUMNS) expect(findSystemPolicy(id)?.displayName).toBe(name);
  });
});
