import { DewSystem, type AdminCredentialsFile } from './dew-system.js';
import type { SdkClient } from './sdk-client.js';
import { marker, rememberSecret } from './secrets-ledger.js';

/**
 * A system holding something of everything the root key wraps (docs/architecture.md, "Root of
 * trust"): a CMK's keyring entry and a ciphertext under it, a secret, an IAM user, two domains'
 * administrators' SKs, an HSM instance's sealed file. For the root key migration and rotation e2e.
 */
export interface RootWrappedData {
  readonly dew: DewSystem;
  readonly api: SdkClient;
  /** The second domain's administrator. */
  readonly other: AdminCredentialsFile;
  readonly keyId: string;
  readonly plain: string;
  readonly cipherText: string;
  /** The secret `name`'s value. */
  readonly secretValue: string;
}

async function ok(what: string, call: Promise<{ status: number; body: unknown }>, status = 200): Promise<void> {
  const res = await call;
  if (res.status !== status) throw new Error(`${what}: ${res.status} ${JSON.stringify(res.body)}`);
}

export async function startWithRootWrappedData(provider: 'file' | 'pkcs11', name: string): Promise<RootWrappedData> {
  const dew = await DewSystem.start({ rootKeyProvider: provider });
  const api = dew.client();
  const plain = marker('plaintext');
  const secretValue = marker('secret-value');
  const keyId = (await api.kms<{ key_info: { key_id: string } }>('create-key', { key_alias: name })).body.key_info.key_id;
  const cipherText = (await api.kms<{ cipher_text: string }>('encrypt-data', { key_id: keyId, plain_text: plain })).body.cipher_text;
  rememberSecret('plaintext', plain);
  await ok('create secret', api.call('POST', '/v1/{project_id}/secrets', { name, secret_string: secretValue }));
  await ok('create user', api.call('POST', '/v3/users', { user: { name: `${name}-user`, domain_id: dew.credentials.domain_id } }), 201);
  const other = await dew.bootstrapDomain(`${name}-domain`);
  await ok('create HSM instance', api.call('POST', '/v1/{project_id}/dew-hsm/instances', { contact: name }));
  return { dew, api, other, keyId, plain, cipherText, secretValue };
}
