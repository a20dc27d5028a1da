import { DewError } from '@dew/contracts';
import { HsmKeySession } from './hsm-key-session.js';
import { InProcessHsmKeyStore } from './in-process-hsm-key-store.js';

const binding = { keystoreId: 'store-1', projectId: 'p', hsmClusterId: 'b0000000-0000-4000-8000-000000000001' };

async function refusalOf(p: Promise<unknown>): Promise<DewError> {
  const err = await p.then(() => undefined, (e: unknown) => e);
  if (!(err instanceof DewError)) throw new Error(`expected a DewError, got ${String(err)}`);
  return err;
}

describe('HsmKeySession over the in-process port', () => {
  it('AES_256: what it encrypts under an AAD it decrypts under the same AAD only (KMS.0308 otherwise)', async () => {
    const port = new InProcessHsmKeyStore();
    const { hsmKeyId } = await port.generateKey(binding, 'AES_256', 'k');
    const session = new HsmKeySession(port, binding, hsmKeyId);
    const sealed = await session.encrypt(Buffer.from('hello'), Buffer.from('aad'));
    expect(sealed).toHaveLength(12 + 5 + 16);
    expect(await session.decrypt(sealed, Buffer.from('aad'))).toEqual(Buffer.from('hello'));
    expect((await refusalOf(session.decrypt(sealed, Buffer.from('other')))).code).toBe('KMS.0308');
  });

  it('EC_P256: the signature it makes verifies, a changed message does not', async () => {
    const port = new InProcessHsmKeyStore();
    const { hsmKeyId, publicKeyDer } = await port.generateKey(binding, 'EC_P256', 'k');
    expect(publicKeyDer?.length).toBeGreaterThan(60);
    const session = new HsmKeySession(port, binding, hsmKeyId);
    const signature = await session.sign('ECDSA_SHA_256', Buffer.from('m'), 'RAW');
    expect(await session.verify('ECDSA_SHA_256', Buffer.from('m'), 'RAW', signature)).toBe(true);
    expect(await session.verify('ECDSA_SHA_256', Buffer.from('n'), 'RAW', signature)).toBe(false);
  });

  it('an instance that does not answer is KMS.2909 (409, retry) naming the instance; no plaintext in the message', async () => {
    const port = new InProcessHsmKeyStore();
    const { hsmKeyId } = await port.generateKey(binding, 'AES_256', 'k');
    port.unreachable = true;
    const err = await refusalOf(new HsmKeySession(port, binding, hsmKeyId).encrypt(Buffer.from('secret text'), Buffer.alloc(0)));
    expect({ code: err.code, status: err.status }).toEqual({ code: 'KMS.2909', status: 409 });
    expect(err.message).toBe(`HSM instance ${binding.hsmClusterId} did not answer; retry the request in a few seconds`);
  });

  it('destroyKey removes the key from the instance', async () => {
    const port = new InProcessHsmKeyStore();
    const { hsmKeyId } = await port.generateKey(binding, 'AES_256', 'k');
    await port.destroyKey(binding, hsmKeyId);
    expect(port.holds(hsmKeyId)).toBe(false);
  });
});
