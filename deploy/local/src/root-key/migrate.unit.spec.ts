import { parseMigrateArgs } from './migrate.js';
import { progressFor } from '@dew/root-key';

describe('dew root-key migrate arguments', () => {
  it('--to pkcs11 or file, with an optional positive --limit', () => {
    expect(parseMigrateArgs(['migrate', '--to', 'pkcs11'])).toEqual({ to: 'pkcs11', limit: Number.MAX_SAFE_INTEGER });
    expect(parseMigrateArgs(['migrate', '--to', 'file', '--limit', '5'])).toEqual({ to: 'file', limit: 5 });
  });

  it('an unknown target, a missing subcommand or a bad limit → usage error naming the value', () => {
    expect(() => parseMigrateArgs(['migrate', '--to', 'hsm'])).toThrow('usage: dew root-key migrate --to pkcs11|file [--limit N]');
    expect(() => parseMigrateArgs(['rotate', '--to', 'file'])).toThrow(/usage/);
    expect(() => parseMigrateArgs(['migrate', '--to', 'file', '--limit', '0'])).toThrow('--limit must be a positive whole number, got "0"');
  });
});

describe('migration progress', () => {
  const sink = (isTTY: boolean) => {
    const lines: string[] = [];
    return { out: { isTTY, write: (s: string) => lines.push(s) > 0 }, lines };
  };

  it('without a terminal: one plain line per step start and end, no carriage returns', () => {
    const { out, lines } = sink(false);
    const p = progressFor(out);
    p.start('KEYRING_KMS', 2);
    p.tick();
    p.tick();
    p.done('2 re-wrapped');
    expect(lines).toEqual(['KEYRING_KMS: 2 to check\n', 'KEYRING_KMS: 2 re-wrapped\n']);
  });

  it('on a terminal: a bar redrawn in place with the count', () => {
    const { out, lines } = sink(true);
    const p = progressFor(out);
    p.start('KEYRING_KMS', 2);
    p.tick();
    expect(lines.at(-1)).toMatch(/^\rKEYRING_KMS\s+\[#{15}\.{15}\] 1\/2$/);
  });
});
