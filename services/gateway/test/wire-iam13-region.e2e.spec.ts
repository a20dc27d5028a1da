import { createRequire } from 'node:module';
import { DewSystem, type AdminCredentialsFile } from '@dew/testing';

const require = createRequire(import.meta.url);

interface HcClient {
  sendRequest(options: Record<string, unknown>): Promise<Record<string, unknown>>;
}
interface Credentials {
  withAk(ak: string): Credentials;
  withSk(sk: string): Credentials;
  withIamEndpoint(endpoint: string): Credentials;
}
const core = require('@huaweicloud/huaweicloud-sdk-core') as {
  BasicCredentials: new () => Credentials;
  GlobalCredentials: new () => Credentials;
  Region: new (id: string, endpoint: string) => unknown;
};
const { ClientBuilder } = require('@huaweicloud/huaweicloud-sdk-core/ClientBuilder.js') as {
  ClientBuilder: new (init: (c: HcClient) => HcClient) => { withCredential(c: Credentials): { withRegion(r: unknown): { build(): HcClient } } };
};
(require('log4js') as { getLogger(): { level: string } }).getLogger().level = 'off';

let dew: DewSystem;
/** A second account's administrator: its SK is printed nowhere (the first one's is, once, by design). */
let owner: AdminCredentialsFile;

beforeAll(async () => {
  dew = await DewSystem.start();
  owner = await dew.bootstrapDomain('region-built-domain');
});
afterAll(async () => {
  await dew?.stop();
});

/** Built as the SDK README builds a client: a region (name and endpoint), AK/SK, no project or domain id. */
function regionClient(credentials: Credentials): HcClient {
  const { access, secret } = owner;
  return new ClientBuilder((c) => c)
    .withCredential(credentials.withAk(access).withSk(secret).withIamEndpoint(dew.endpoint))
    .withRegion(new core.Region('dew-local', dew.endpoint))
    .build();
}

const post = (url: string, data: object) => ({ method: 'POST', url, contentType: 'application/json;charset=UTF-8', pathParams: {}, queryParams: {}, headers: {}, data });

describe('clients built with a region and no project or domain id', () => {
  it('BasicCredentials without a project id: the SDK looks the project up by region name and the first KMS call answers 200', async () => {
    const client = regionClient(new core.BasicCredentials());
    const res = await client.sendRequest(post('/v1.0/{project_id}/kms/list-keys', {}));
    expect(res.httpStatusCode).toBe(200);
    expect(res).toHaveProperty('keys');
  });

  it('GlobalCredentials without a domain id: the SDK looks the domain up and the first IAM call answers 201', async () => {
    const client = regionClient(new core.GlobalCredentials());
    const res = await client.sendRequest(post('/v3/groups', { group: { name: 'region-built' } }));
    expect(res.httpStatusCode).toBe(201);
    expect(res).toMatchObject({ group: { name: 'region-built', domain_id: owner.domain_id } });
  });
});
