import { createHash, randomBytes } from 'node:crypto';
import { digestHex, parseDatakeyLength, splitPlainDatakey } from './data-keys.js';
import { parseRandomBits } from './random.js';
import { refusal } from './fixtures.spec.js';

const plainText = (dek: Buffer) => Buffer.concat([dek, createHash('sha256').update(dek).digest()]).toString('hex');

describe('parseDatakeyLength', () => {
  it.each([
    [{}, 32],
    [{ key_spec: 'AES_256' }, 32],
    [{ key_spec: 'AES_128' }, 16],
    [{ key_spec: 'SM4' }, 16],
    [{ key_spec: 'HMAC_256' }, 32],
    [{ key_spec: 'HMAC_384' }, 48],
    [{ key_spec: 'HMAC_512' }, 64],
    [{ key_spec: 'HMAC_SM3' }, 32],
    [{ datakey_length: '8' }, 1],
    [{ datakey_length: '512' }, 64],
    [{ datakey_length: '8192' }, 1024],
    [{ datakey_length: '128', key_spec: 'AES_256' }, 16],
  ])('%j: %i bytes (datakey_length in bits wins over key_spec)', (req, bytes) => {
    expect(parseDatakeyLength(req)).toBe(bytes);
  });

  it.each(['0', '7', '12', '8200', '-8', '8.0', ' 64', '', 'abc', '0x40', '1e3'])(
    'datakey_length %j: KMS.1901 naming the value and the rule',
    (value) => {
      const err = refusal(() => parseDatakeyLength({ datakey_length: value }));
      expect(err.code).toBe('KMS.1901');
      expect(err.status).toBe(400);
      expect(err.message).toBe(`datakey_length must be a multiple of 8 from 8 to 8192 (bits), got ${JSON.stringify(value)}`);
    },
  );

  it.each(['HMAC_128', 'AES_512', 'toString'])('key_spec %s: KMS.0308 naming the supported specs', (spec) => {
    const err = refusal(() => parseDatakeyLength({ key_spec: spec }));
    expect(err.code).toBe('KMS.0308');
    expect(err.message).toMatch(/AES_256, AES_128/);
  });
});

describe('splitPlainDatakey', () => {
  it('hex(DEK ‖ SHA-256(DEK)), either case: yields the DEK', () => {
    const dek = randomBytes(64);
    expect(splitPlainDatakey(plainText(dek), 64)).toEqual(dek);
    expect(splitPlainDatakey(plainText(dek).toUpperCase(), 64)).toEqual(dek);
  });

  it('GSDK sample (64 zero bytes and F5A5FD42…): accepted', () => {
    const dek = Buffer.alloc(64);
    expect(createHash('sha256').update(dek).digest('hex').toUpperCase()).toMatch(/^F5A5FD42.*FB4B$/);
    expect(splitPlainDatakey(plainText(dek), 64)).toEqual(dek);
  });

  it.each([0, 1025, 1.5, Number.NaN])('datakey_plain_length %s: KMS.2102', (len) => {
    const err = refusal(() => splitPlainDatakey('00', len));
    expect(err.code).toBe('KMS.2102');
    expect(err.message).toMatch(/^datakey_plain_length must be 1\.\.1024 bytes, got /);
  });

  it('total length not 2×(length + 32): KMS.2101 naming the expected and given lengths', () => {
    const err = refusal(() => splitPlainDatakey(plainText(randomBytes(32)), 16));
    expect(err.code).toBe('KMS.2101');
    expect(err.message).toBe('plain_text must be 96 hex characters (a 16-byte data key followed by its 32-byte SHA-256), got 128');
  });

  it('non-hex characters: KMS.2101 without echoing the input', () => {
    const text = `zz${plainText(randomBytes(16)).slice(2)}`;
    const err = refusal(() => splitPlainDatakey(text, 16));
    expect(err.code).toBe('KMS.2101');
    expect(err.message).not.toContain(text.slice(2, 20));
  });

  it('digest of another key: KMS.2103', () => {
    const text = plainText(randomBytes(32)).slice(0, 64) + plainText(randomBytes(32)).slice(64);
    const err = refusal(() => splitPlainDatakey(text, 32));
    expect(err.code).toBe('KMS.2103');
    expect(err.message).toBe('plain_text digest does not match SHA-256 of the data key');
  });
});

describe('data keys under an SM4 CMK: SM3 beside the key', () => {
  const sm3Text = (dek: Buffer) => Buffer.concat([dek, createHash('sm3').update(dek).digest()]).toString('hex');

  it('hex(DEK ‖ SM3(DEK)) is accepted with digest sm3; the SHA-256 form is refused naming SM3 (KMS.2103)', () => {
    const dek = randomBytes(16);
    expect(splitPlainDatakey(sm3Text(dek), 16, 'sm3')).toEqual(dek);
    const err = refusal(() => splitPlainDatakey(plainText(dek), 16, 'sm3'));
    expect(err.code).toBe('KMS.2103');
    expect(err.message).toBe('plain_text digest does not match SM3 of the data key');
  });

  it('digestHex with sm3: the uppercase SM3 of the data key', () => {
    const dek = randomBytes(32);
    expect(digestHex(dek, 'sm3')).toBe(createHash('sm3').update(dek).digest('hex').toUpperCase());
  });
});

describe('digestHex', () => {
  it('64 zero bytes: the OTC sample digest, uppercase', () => {
    expect(digestHex(Buffer.alloc(64))).toBe(createHash('sha256').update(Buffer.alloc(64)).digest('hex').toUpperCase());
    expect(digestHex(Buffer.alloc(64))).toMatch(/^F5A5FD42D16A2030[0-9A-F]*9FB4B$/);
  });
});

describe('parseRandomBits', () => {
  it.each([
    ['8', 1],
    ['512', 64],
    ['8192', 1024],
  ])('%s bits: %i bytes', (text, bytes) => {
    expect(parseRandomBits(text)).toBe(bytes);
  });

  it.each(['0', '4', '9', '8200', '', 'x', '-8', '64 '])('%j: KMS.1801 naming the value', (text) => {
    const err = refusal(() => parseRandomBits(text));
    expect(err.code).toBe('KMS.1801');
    expect(err.message).toBe(`random_data_length must be a multiple of 8 from 8 to 8192 (bits), got ${JSON.stringify(text)}`);
  });
});
