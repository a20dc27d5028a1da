import { randomBytes } from 'node:crypto';
import { loadLibrary, pkcs11 } from './pkcs11.js';
import { Pkcs11Token } from './pkcs11-token.js';
import { decryptGcm, encryptGcm, sign, verify, digest } from './token-crypto.js';
import { exportWrapped, importWrapped, ecPoint } from './key-transfer.js';
import { deriveAesKey } from './ecdh.js';
import { WRAP_ONLY } from './key-templates.js';

const LIB = '/usr/lib/x86_64-linux-gnu/softhsm/libsofthsm2.so';
test('a SoftHSM token generates, uses, and moves keys wrapped under one ECDH-derived key and unwrapped under the peer derivation', async () => {
  // SoftHSM reads SOFTHSM2_CONF from the real environment: the int run's globalSetup put a token
  // directory of the run's own there (libs/testing/src/softhsm-sandbox.ts).
  expect(process.env['SOFTHSM2_CONF']).toMatch(/dew-softhsm-/);
  Pkcs11Token.ensureInitialised({ library: LIB, label: 'a', pin: '1234', soPin: '5678' });
  const p11 = loadLibrary(LIB);
  const a = Pkcs11Token.open(p11, 'a', '1234');
  const aes = a.generate('AES_256', randomBytes(16), 'k1');
  const sealed = encryptGcm(a, aes.id, Buffer.from('hello'), Buffer.from('aad'));
  expect(decryptGcm(a, aes.id, sealed, Buffer.from('aad')).toString()).toBe('hello');
  const ec = a.generate('EC_P256', randomBytes(16), 'e1');
  const sig = sign(a, ec.id, 'ECDSA_SHA256', Buffer.from('m'));
  expect(verify(a, ec.id, 'ECDSA_SHA256', Buffer.from('m'), sig)).toBe(true);
  const ed = a.generate('ED25519', randomBytes(16), 'ed');
  const sig2 = sign(a, ed.id, 'EDDSA', Buffer.from('m'));
  expect(verify(a, ed.id, 'EDDSA', Buffer.from('m'), sig2)).toBe(true);
  const rsa = a.generate('RSA_2048', randomBytes(16), 'r');
  const sig3 = sign(a, rsa.id, 'RSA_PSS_SHA256', Buffer.from('m'));
  expect(verify(a, rsa.id, 'RSA_PSS_SHA256', Buffer.from('m'), sig3)).toBe(true);
  const x1 = a.generate('EC_P256', Buffer.from('dew.x1'), 'x1', [{ type: pkcs11.CKA_DERIVE, value: true }]);
  const x2 = a.generate('EC_P256', Buffer.from('dew.x2'), 'x2', [{ type: pkcs11.CKA_DERIVE, value: true }]);
  const derive = (own: string, peer: string) => deriveAesKey(a, a.requireHandle(own, pkcs11.CKO_PRIVATE_KEY), ecPoint(a, peer), WRAP_ONLY);
  const d1 = derive(x1.id, x2.id), d2 = derive(x2.id, x1.id);
  for (const k of [aes, ec, rsa]) {
    const ex = exportWrapped(a, k.id, d1);
    a.destroy(k.id);
    expect(importWrapped(a, ex, d2)).toBe(true);
  }
  expect(decryptGcm(a, aes.id, sealed, Buffer.from('aad')).toString()).toBe('hello');
  expect(verify(a, ec.id, 'ECDSA_SHA256', Buffer.from('m'), sig)).toBe(true);
  expect(sign(a, rsa.id, 'RSA_PKCS1_SHA256', Buffer.from('m')).length).toBe(256);
  a.close();
  p11.C_Finalize();
});
