import { createPublicKey } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { generateKeyPair } from './generate.js';
import { parsePrivateKey } from './private-key.js';
import { TempDir, run } from './testing/cli.js';
import { decryptWindowsPassword } from './windows-password.js';

/** Passwords encrypted by the real openssl CLI, as a Windows image's agent encrypts them. */
let dir: TempDir;
const keys = new Map<string, string>();
const PASSWORD = 'Wïndows-Pa55word!§';

beforeAll(async () => {
  dir = new TempDir();
  const [rsa2048, rsa4096] = await Promise.all([generateKeyPair('SSH_RSA_2048'), generateKeyPair('SSH_RSA_4096')]);
  keys.set('generated RSA-2048', rsa2048.privateKey);
  keys.set('generated RSA-4096', rsa4096.privateKey);
  const keygenFile = dir.file('keygen-rsa-3072');
  await run('ssh-keygen', ['-q', '-t', 'rsa', '-b', '3072', '-N', '', '-C', 'windows', '-f', keygenFile]);
  keys.set('ssh-keygen RSA-3072', readFileSync(keygenFile, 'utf8'));
  dir.write('password', PASSWORD);
}, 60_000);

afterAll(() => dir.remove());

/** openssl pkeyutl -encrypt against the key's public half, in base64. */
async function opensslEncrypt(name: string, padding: 'pkcs1' | 'oaep'): Promise<string> {
  const publicPem = createPublicKey(parsePrivateKey(keys.get(name)!).keyObject).export({ type: 'spki', format: 'pem' });
  const publicFile = dir.write(`${name}.pub.pem`, publicPem, 0o644);
  const out = dir.file(`${name}.${padding}.bin`);
  await run('openssl', ['pkeyutl', '-encrypt', '-pubin', '-inkey', publicFile, '-pkeyopt', `rsa_padding_mode:${padding}`, '-in', dir.file('password'), '-out', out]);
  return readFileSync(out).toString('base64');
}

describe.each(['generated RSA-2048', 'generated RSA-4096', 'ssh-keygen RSA-3072'])('a %s key', (name) => {
  it('decrypts what openssl encrypted to it with PKCS#1 v1.5 padding', async () => {
    expect(decryptWindowsPassword(keys.get(name)!, await opensslEncrypt(name, 'pkcs1'))).toBe(PASSWORD);
  });

  it('refuses that ciphertext with one byte changed with BAD_CIPHERTEXT', async () => {
    const ciphertext = Buffer.from(await opensslEncrypt(name, 'pkcs1'), 'base64');
    ciphertext[ciphertext.length >> 1]! ^= 0x01;
    expect(() => decryptWindowsPassword(keys.get(name)!, ciphertext.toString('base64'))).toThrow(expect.objectContaining({ code: 'BAD_CIPHERTEXT' }));
  });

  it('refuses what openssl encrypted with OAEP padding with BAD_CIPHERTEXT', async () => {
    const oaep = await opensslEncrypt(name, 'oaep');
    expect(() => decryptWindowsPassword(keys.get(name)!, oaep)).toThrow(expect.objectContaining({ code: 'BAD_CIPHERTEXT' }));
  });
});
