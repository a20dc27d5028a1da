/**
 * "type base64" of a well-formed SSH public key blob (name, then a body filled with `seed`): the
 * shape sshd reads, without generating a real key.
 */
export function fakePublicKey(seed: number, type = 'ssh-ed25519'): string {
  const name = Buffer.from(type, 'latin1');
  const body = Buffer.alloc(32, seed);
  const blob = Buffer.concat([u32(name.length), name, u32(body.length), body]);
  return `${type} ${blob.toString('base64')}`;
}

function u32(n: number): Buffer {
  const b = Buffer.alloc(4);
  b.writeUInt32BE(n);
  return b;
}
