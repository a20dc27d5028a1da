import { execFileSync } from 'node:child_process';
import { createHash, generateKeyPairSync, randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect, createServer, type Server } from 'node:tls';
import type * as P11 from 'pkcs11js';
import { clearingOpenSslErrors } from './openssl-error-queue.js';

// SoftHSM reads SOFTHSM2_CONF from the real environment: the int run's globalSetup gave it a token
// directory of the run's own (libs/testing/src/softhsm-sandbox.ts).
const MODULE = '/usr/lib/softhsm/libsofthsm2.so';
const TOKEN = `dew-queue-${randomBytes(4).toString('hex')}`;
const PIN = '13572468';
const lib = createRequire(import.meta.url)('pkcs11js') as typeof P11;

let raw: P11.PKCS11;
let session: P11.Handle;
let keys: P11.KeyPair;
let dir: string;
const pss = { mechanism: lib.CKM_RSA_PKCS_PSS, parameter: { type: lib.CK_PARAMS_RSA_PSS, hashAlg: lib.CKM_SHA256, mgf: lib.CKG_MGF1_SHA256, saltLen: 32 } };
const digestOf = (text: string) => createHash('sha256').update(text).digest();
let signature: Buffer;

beforeAll(() => {
  execFileSync('softhsm2-util', ['--init-token', '--free', '--label', TOKEN, '--pin', PIN, '--so-pin', '86420'], { stdio: 'ignore' });
  raw = new lib.PKCS11();
  raw.load(MODULE);
  raw.C_Initialize();
  const slot = raw.C_GetSlotList(true).find((s) => raw.C_GetTokenInfo(s).label.trim() === TOKEN)!;
  session = raw.C_OpenSession(slot, lib.CKF_SERIAL_SESSION | lib.CKF_RW_SESSION);
  raw.C_Login(session, lib.CKU_USER, PIN);
  keys = raw.C_GenerateKeyPair(session, { mechanism: lib.CKM_RSA_PKCS_KEY_PAIR_GEN },
    [{ type: lib.CKA_MODULUS_BITS, value: 2048 }, { type: lib.CKA_PUBLIC_EXPONENT, value: Buffer.from([1, 0, 1]) }, { type: lib.CKA_VERIFY, value: true }],
    [{ type: lib.CKA_SIGN, value: true }]);
  raw.C_SignInit(session, pss, keys.privateKey);
  signature = Buffer.from(raw.C_Sign(session, digestOf('signed'), Buffer.alloc(256)));
  dir = mkdtempSync(join(tmpdir(), 'dew-queue-'));
  const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  writeFileSync(join(dir, 'key.pem'), privateKey.export({ type: 'pkcs8', format: 'pem' }));
  execFileSync('openssl', ['req', '-x509', '-new', '-key', join(dir, 'key.pem'), '-subj', '/CN=127.0.0.1', '-days', '1', '-out', join(dir, 'cert.pem')]);
});

afterAll(() => {
  raw?.C_Finalize();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** A refused PSS verify: SoftHSM leaves `RSA_verify_PKCS1_PSS_mgf1: bad signature` in the queue. */
function refusedVerify(p11: P11.PKCS11): boolean {
  p11.C_VerifyInit(session, pss, keys.publicKey);
  try {
    return p11.C_Verify(session, digestOf('another message'), signature);
  } catch {
    return false;
  }
}

/**
 * A TLS echo server that answers each message after a refused verify through `p11`, as an HSM
 * node answers "signature invalid", and a client in the same process sending `count` messages
 * one by one: how many came back, and the errors either end's TLS socket saw (in one thread,
 * whichever TLS operation runs next reads what the queue holds).
 */
async function echoAfterRefusedVerifies(p11: P11.PKCS11, count: number): Promise<{ echoed: number; tlsErrors: string[] }> {
  const tlsErrors: string[] = [];
  const server: Server = createServer({ key: readFileSync(join(dir, 'key.pem')), cert: readFileSync(join(dir, 'cert.pem')) }, (socket) => {
    socket.on('error', (err) => tlsErrors.push(`server: ${err.message}`));
    socket.on('data', (chunk) => {
      expect(refusedVerify(p11)).toBe(false);
      socket.write(chunk);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  const client = connect({ host: '127.0.0.1', port, ca: readFileSync(join(dir, 'cert.pem')), checkServerIdentity: () => undefined });
  client.on('error', (err) => tlsErrors.push(`client: ${err.message}`));
  await new Promise<void>((resolve, reject) => { client.once('secureConnect', resolve); client.once('error', reject); });
  let pending: ((back: boolean) => void) | undefined;
  client.on('data', () => pending?.(true));
  client.on('close', () => pending?.(false));
  let echoed = 0;
  for (let i = 0; i < count && !client.destroyed; i++) {
    const back = await new Promise<boolean>((resolve) => {
      pending = resolve;
      client.write(`ping ${i}`);
    });
    if (!back) break;
    echoed += 1;
  }
  client.destroy();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return { echoed, tlsErrors };
}

describe('a PKCS#11 module sharing Node\'s OpenSSL error queue', () => {
  test('called directly, a refused PSS verify leaves an error that the next TLS operation of the thread takes for its own', async () => {
    const { tlsErrors } = await echoAfterRefusedVerifies(raw, 20);
    expect(tlsErrors.join('\n')).toMatch(/RSA_verify_PKCS1_PSS_mgf1:bad signature/);
  });

  test('called through clearingOpenSslErrors, every answer after a refused verify arrives on the same connection', async () => {
    const { echoed, tlsErrors } = await echoAfterRefusedVerifies(clearingOpenSslErrors(raw), 20);
    expect(tlsErrors).toEqual([]);
    expect(echoed).toBe(20);
  });

  test('the wrapped library returns what the module returns and throws what it throws', () => {
    const wrapped = clearingOpenSslErrors(raw);
    expect(wrapped.C_GetSessionInfo(session).slotID).toEqual(raw.C_GetSessionInfo(session).slotID);
    wrapped.C_VerifyInit(session, pss, keys.publicKey);
    expect(() => wrapped.C_Verify(session, digestOf('another message'), signature)).toThrow(/CKR_SIGNATURE_INVALID/);
    wrapped.C_VerifyInit(session, pss, keys.publicKey);
    expect(wrapped.C_Verify(session, digestOf('signed'), signature)).toBe(true);
  });
});
