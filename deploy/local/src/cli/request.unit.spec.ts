import { commandsOf } from './catalog.js';
import { buildRequest } from './request.js';

const cmd = (service: string, name: string) => commandsOf(service).find((c) => c.command === name) ?? (() => { throw new Error(name); })();

describe('buildRequest', () => {
  it('a POST: path parameters in the path, the fields as the JSON body', () => {
    expect(buildRequest(cmd('kms', 'encrypt-data'), { key_id: 'k', plain_text: 'x' }, { project_id: 'p' })).toEqual({
      method: 'POST', url: '/v1.0/p/kms/encrypt-data', headers: { 'content-type': 'application/json' }, body: '{"key_id":"k","plain_text":"x"}',
    });
  });
  it('a GET: the fields in the query, arrays repeated, no body', () => {
    expect(buildRequest(cmd('csms', 'list-secrets'), { limit: '2', marker: 'm' }, { project_id: 'p' })).toEqual({ method: 'GET', url: '/v1/p/secrets?limit=2&marker=m', headers: {}, body: '' });
  });
  it('path values are escaped; header fields travel as headers; a batch call\'s items are the body', () => {
    expect(buildRequest(cmd('csms', 'show-secret'), {}, { project_id: 'p', secret_name: 'a/b' }).url).toBe('/v1/p/secrets/a%2Fb');
    expect(buildRequest(cmd('iam', 'validate-token'), { subject_token: 'T' }, {}).headers).toEqual({ 'x-subject-token': 'T' });
    expect(buildRequest(cmd('kps', 'batch-import-keypairs'), { items: [{ keypair: { name: 'a' } }] }, { project_id: 'p' }).body).toBe('[{"keypair":{"name":"a"}}]');
  });
});
