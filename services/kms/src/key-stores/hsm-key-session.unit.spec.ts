import { DewError } from '@dew/contracts';
import { guarded, inKmsWords } from './hsm-key-session.js';
import { KeyStoreInvalidInput, KeyStoreKeyMissing, KeyStoreRefused, KeyStoreUnavailable, KeyStoreUnsupported } from './hsm-key-store.errors.js';

const binding = { keystoreId: 'store-1', projectId: 'p', hsmClusterId: 'b0000000-0000-4000-8000-000000000001' };

async function refusalOf(call: () => Promise<unknown>): Promise<DewError> {
  const err = await guarded(binding, call).then(() => undefined, (e: unknown) => e);
  if (!(err instanceof DewError)) throw new Error(`expected a DewError, got ${String(err)}`);
  return err;
}

describe("a key store's failures in KMS's words (inKmsWords, one place)", () => {
  it('unavailable and retryable (a failover longer than the retries) is KMS.2909, 409, saying retry', () => {
    const e = inKmsWords(binding, KeyStoreUnavailable('store-1', 'no node answered', true));
    expect([e.code, e.status, e.message]).toEqual(['KMS.2909', 409, `HSM instance ${binding.hsmClusterId} did not answer; retry the request in a few seconds`]);
  });

  it('unavailable for good (Frozen, certificate revoked), refused, or a key the instance lost is KMS.2908 with the reason', () => {
    expect(inKmsWords(binding, KeyStoreUnavailable('store-1', 'its Dedicated HSM instance x is Frozen', false))).toMatchObject({ code: 'KMS.2908', message: 'key store store-1 is unavailable: its Dedicated HSM instance x is Frozen' });
    expect(inKmsWords(binding, KeyStoreRefused('store-1', 'the CA differs')).code).toBe('KMS.2908');
    expect(inKmsWords(binding, KeyStoreKeyMissing('store-1', 'h-1')).code).toBe('KMS.2908');
  });

  it('an unsupported spec or algorithm is KMS.2907 naming it; input the HSM refuses is KMS.0308', () => {
    const unsupported = inKmsWords(binding, KeyStoreUnsupported('key spec', 'RSA_4096', ['AES_256']));
    expect([unsupported.code, unsupported.status]).toEqual(['KMS.2907', 400]);
    expect(unsupported.message).toContain('key spec "RSA_4096" is not available in a key store');
    const invalid = inKmsWords(binding, KeyStoreInvalidInput('store-1', 'the ciphertext does not authenticate'));
    expect([invalid.code, invalid.message]).toEqual(['KMS.0308', 'key store store-1: the ciphertext does not authenticate']);
  });

  it('guarded passes a DewError as is and turns an unexpected throw into KMS.2909, never a 5xx', async () => {
    const own = new DewError('KMS.2905', 'key store store-1 is DISABLED; x');
    expect(await refusalOf(() => Promise.reject(own))).toBe(own);
    const lost = await refusalOf(() => Promise.reject(new Error('socket hang up')));
    expect([lost.code, lost.status]).toEqual(['KMS.2909', 409]);
  });
});
