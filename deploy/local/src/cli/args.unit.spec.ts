import { parseCommandArgs } from './args.js';
import { commandsOf, type CliCommand } from './catalog.js';
import { UsageError } from './usage-error.js';

const command = (service: string, name: string): CliCommand => {
  const found = commandsOf(service).find((c) => c.command === name);
  if (!found) throw new Error(`no ${service} ${name}`);
  return found;
};
const PROJECT = { project_id: 'p1' };
const files: Record<string, string> = { '/tmp/plain.txt': 'from a file\n', '/tmp/blob.bin': '\u0001\u0002' };
const readFile = (path: string) => {
  const text = files[path];
  if (text === undefined) throw Object.assign(new Error('no such file'), { code: 'ENOENT' });
  return Buffer.from(text, 'utf8');
};
const parse = (service: string, name: string, args: string[]) => parseCommandArgs(command(service, name), args, PROJECT, readFile);

describe('parseCommandArgs', () => {
  it('snake_case fields become kebab flags; --flag value and --flag=value both work; the profile fills the project', () => {
    const parsed = parse('kms', 'encrypt-data', ['--key-id', 'k1', '--plain-text=hello']);
    expect(parsed.fields).toEqual({ key_id: 'k1', plain_text: 'hello' });
    expect(parsed.pathValues).toEqual({ project_id: 'p1' });
  });

  it('an unknown flag is refused naming it and the closest flag', () => {
    expect(() => parse('kms', 'encrypt-data', ['--key-id', 'k', '--plain-txt', 'x'])).toThrow('unknown flag "--plain-txt"; did you mean --plain-text?');
  });

  it('a missing required flag, a value missing after a flag, and a stray word are usage errors', () => {
    expect(() => parse('kms', 'encrypt-data', ['--plain-text', 'x'])).toThrow('missing required --key-id');
    expect(() => parse('kms', 'encrypt-data', ['--key-id'])).toThrow('--key-id needs a value');
    expect(() => parse('kms', 'encrypt-data', ['k1'])).toThrow(UsageError);
  });

  it('file:// reads the text of a file, fileb:// its bytes in base64; an unreadable file is a usage error naming the flag', () => {
    expect(parse('kms', 'encrypt-data', ['--key-id', 'k', '--plain-text', 'file:///tmp/plain.txt']).fields.plain_text).toBe('from a file\n');
    expect(parse('kms', 'encrypt-data', ['--key-id', 'k', '--plain-text', 'fileb:///tmp/blob.bin']).fields.plain_text).toBe('AQI=');
    expect(() => parse('kms', 'encrypt-data', ['--key-id', 'k', '--plain-text', 'file:///tmp/none'])).toThrow('--plain-text: cannot read /tmp/none: ENOENT');
  });

  it('typed fields: integers and booleans are checked and converted, choices enforced', () => {
    expect(parse('csms', 'create-secret', ['--name', 'n', '--expire-time', '12', '--auto-rotation']).fields).toEqual({ name: 'n', expire_time: 12, auto_rotation: true });
    expect(() => parse('csms', 'create-secret', ['--name', 'n', '--expire-time', 'soon'])).toThrow('--expire-time takes an integer, got "soon"');
    expect(() => parse('kms', 'create-key', ['--key-alias', 'a', '--origin', 'elsewhere'])).toThrow('--origin must be one of kms, external');
  });

  it('a nested object is JSON or dotted flags, merged; arrays of strings repeat; --input-json is overridden by flags', () => {
    expect(parse('iam', 'create-user', ['--user', '{"name":"a","enabled":true}', '--user.password', 'pw']).fields).toEqual({ user: { name: 'a', enabled: true, password: 'pw' } });
    expect(parse('csms', 'create-secret', ['--name', 'n', '--event-subscriptions', 'e1', '--event-subscriptions', 'e2']).fields.event_subscriptions).toEqual(['e1', 'e2']);
    expect(parse('kms', 'create-key', ['--input-json', '{"key_alias":"a","key_spec":"AES_256"}', '--key-spec', 'SM4']).fields).toEqual({ key_alias: 'a', key_spec: 'SM4' });
  });

  it('path parameters are flags; without the profile the project must be given', () => {
    expect(parse('csms', 'show-secret', ['--secret-name', 's']).pathValues).toEqual({ project_id: 'p1', secret_name: 's' });
    expect(() => parseCommandArgs(command('csms', 'show-secret'), ['--secret-name', 's'], {}, readFile)).toThrow('missing required --project-id');
  });

  it.each(['', '.', '..', 'a/b', '../kms/keys'])('a path parameter value %j is refused as a usage error naming the flag', (value) => {
    expect(() => parse('csms', 'show-secret', ['--secret-name', value])).toThrow(new UsageError(`--secret-name must be one path segment: not empty, "." or ".." and no "/" (got ${JSON.stringify(value)})`));
    expect(() => parse('csms', 'show-secret', ['--secret-name', 's', '--project-id', value])).toThrow('--project-id must be one path segment');
  });

  it('a path parameter value with dots inside it is one segment and is kept', () => {
    expect(parse('csms', 'show-secret', ['--secret-name', 'a..b']).pathValues.secret_name).toBe('a..b');
  });

  it('--help skips the checks; global options are parsed', () => {
    expect(parse('kms', 'encrypt-data', ['--help']).globals.help).toBe(true);
    expect(parse('kms', 'list-keys', ['--all', '--output', 'table', '--query', 'keys']).globals).toEqual({ output: 'table', all: true, help: false, query: 'keys' });
    expect(() => parse('kms', 'list-keys', ['--output', 'yaml'])).toThrow('--output must be one of json, table');
  });
});
