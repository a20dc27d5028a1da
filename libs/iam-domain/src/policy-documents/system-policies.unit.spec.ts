import { validatePolicyDocument } from './policy-document.js';
import { SYSTEM_POLICIES, SYSTEM_POLICY_IDS, findSystemPolicy } from './system-policies.js';

describe('system policies', () => {
  it('SYSTEM_POLICIES: fixed unique 32-hex ids, project-level (XA), documents valid 1.1', () => {
    expect(new Set(SYSTEM_POLICIES.map((p) => p.id)).size).toBe(SYSTEM_POLICIES.length);
    for (const p of SYSTEM_POLICIES) {
      expect(p.id).toMatch(/^[0-9a-f]{32}$/);
      expect(p.type).toBe('XA');
      expect(validatePolicyDocument(p.document)).toEqual(p.document);
    }
  });

  it('SYSTEM_POLICIES: the guide table 6-1 four plus CSMS, DHSM and CTS, KMS Administrator the only role', () => {
    expect(SYSTEM_POLICIES.map((p) => [p.displayName, p.catalog, p.kind])).toEqual([
      ['KMS Administrator', 'KMS', 'role'],
      ['KMS CMKFullAccess', 'KMS', 'policy'],
      ['DEW KeypairFullAccess', 'KPS', 'policy'],
      ['DEW KeypairReadOnlyAccess', 'KPS', 'policy'],
      ['DHSM FullAccess', 'DHSM', 'policy'],
      ['DHSM ReadOnlyAccess', 'DHSM', 'policy'],
      ['CSMS FullAccess', 'CSMS', 'policy'],
      ['CSMS ReadOnlyAccess', 'CSMS', 'policy'],
      ['CTS ReadOnlyAccess', 'CTS', 'policy'],
    ]);
    expect(findSystemPolicy(SYSTEM_POLICY_IDS.kmsAdministrator)?.name).toBe('kms_adm');
  });

  it('findSystemPolicy: unknown id or a prototype key → null', () => {
    expect(findSystemPolicy('0'.repeat(32))).toBeNull();
    expect(findSystemPolicy('constructor')).toBeNull();
  });
});
