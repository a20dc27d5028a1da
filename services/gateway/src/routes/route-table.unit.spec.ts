import { allRoutes } from './index.js';

describe('route table', () => {
  it('every route has an IAM action of the form service:resource:verb and a request subject', () => {
    for (const r of allRoutes) {
      expect(r.action).toMatch(/^[a-z]+:[A-Za-z]+:[A-Za-z]+$/);
      expect(r.subject).toMatch(/^[a-z]+\.[a-z0-9_/-]+$/);
    }
  });

  it('no two routes share a method and path', () => {
    const keys = allRoutes.map((r) => `${r.method} ${r.path}`);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('every KMS endpoint of the Huawei KMS API is routed', () => {
    const verbs = [
      'create-key', 'describe-key', 'list-keys', 'enable-key', 'disable-key', 'schedule-key-deletion', 'cancel-key-deletion',
      'update-key-alias', 'update-key-description', 'create-datakey', 'create-datakey-without-plaintext', 'encrypt-datakey',
      'decrypt-datakey', 'encrypt-data', 'decrypt-data', 'sign', 'verify', 'get-publickey', 'gen-random',
      'get-parameters-for-import', 'import-key-material', 'delete-imported-key-material', 'create-grant', 'revoke-grant',
      'retire-grant', 'list-grants', 'list-retirable-grants', 'enable-key-rotation', 'disable-key-rotation',
      'update-key-rotation-interval', 'get-key-rotation-status', 'rotate-on-demand', 'resource_instances/action',
      'user-instances', 'user-quotas', 'tags', ':key_id/tags', ':key_id/tags/action', ':key_id/tags/:tag_key',
    ];
    const paths = new Set(allRoutes.map((r) => r.path));
    for (const verb of verbs) expect(paths).toContain(`/v1.0/:project_id/kms/${verb}`);
  });

  it('only create-access-key, whose answer is a credential, accepts each signature once', () => {
    expect(allRoutes.filter((r) => r.singleUseSignature).map((r) => r.subject)).toEqual(['iam.create-access-key']);
  });
});
