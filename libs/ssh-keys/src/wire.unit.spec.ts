import { SshKeyProblem } from './problems.js';
import { SshReader, SshWriter, bitLength } from './wire.js';

const hex = (text: string): Buffer => Buffer.from(text.replace(/ /g, ''), 'hex');

describe('SSH wire encoding', () => {
  // The standard's mpint examples that are not negative (docs/ssh-keys.md, "Formats").
  it.each([
    ['0', '', '00 00 00 00'],
    ['9a378f9b2e332a7', '09 a3 78 f9 b2 e3 32 a7', '00 00 00 08 09 a3 78 f9 b2 e3 32 a7'],
    ['80', '80', '00 00 00 02 00 80'],
  ])('writes the mpint %s in its canonical encoding and reads it back', (_value, magnitude, encoded) => {
    expect(new SshWriter().mpint(hex(magnitude)).toBuffer()).toEqual(hex(encoded));
    expect(new SshReader(hex(encoded), 'test').mpint('x')).toEqual(hex(magnitude));
  });

  it('writes a magnitude with leading zero bytes in its shortest form', () => {
    expect(new SshWriter().mpint(hex('00 00 7f')).toBuffer()).toEqual(hex('00 00 00 01 7f'));
  });

  it.each([
    ['-1234', '00 00 00 02 ed cc', /x is negative/],
    ['-deadbeef', '00 00 00 05 ff 21 52 41 11', /x is negative/],
    ['0 written as one zero byte', '00 00 00 01 00', /x has a redundant leading zero byte/],
    ['0x7f after a zero byte', '00 00 00 02 00 7f', /x has a redundant leading zero byte/],
  ])('refuses the mpint %s with BAD_INTEGER', (_name, encoded, message) => {
    const read = (): Buffer => new SshReader(hex(encoded), 'test').mpint('x');
    expect(read).toThrow(SshKeyProblem);
    expect(read).toThrow(message);
  });

  it('writes a string as its uint32 length and bytes, and reads it back', () => {
    const bytes = new SshWriter().string('ssh-rsa').uint32(7).toBuffer();
    expect(bytes).toEqual(hex('00 00 00 07 73 73 68 2d 72 73 61 00 00 00 07'));
    const reader = new SshReader(bytes, 'test');
    expect(reader.text('type')).toBe('ssh-rsa');
    expect(reader.uint32('n')).toBe(7);
    expect(() => reader.end()).not.toThrow();
  });

  it('counts the significant bits of a magnitude', () => {
    expect(bitLength(hex(''))).toBe(0);
    expect(bitLength(hex('00 01'))).toBe(1);
    expect(bitLength(hex('00 80 00'))).toBe(16);
    expect(bitLength(Buffer.concat([Buffer.of(0x80), Buffer.alloc(255)]))).toBe(2048);
  });
});
