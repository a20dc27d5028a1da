import { chmodSync, linkSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { configPath, readConfig, resolveSettings, writeProfile } from './config.js';

const config = { profiles: { default: { endpoint: 'http://file', project_id: 'pf', access_key: 'AKF', secret_key: 'SKF' }, ops: { endpoint: 'http://ops', token: 'TOK' } } };

describe('configPath', () => {
  it('DEW_CONFIG_FILE, else XDG_CONFIG_HOME, else ~/.config', () => {
    expect(configPath({ DEW_CONFIG_FILE: '/x.json', XDG_CONFIG_HOME: '/xdg', HOME: '/h' })).toBe('/x.json');
    expect(configPath({ XDG_CONFIG_HOME: '/xdg', HOME: '/h' })).toBe('/xdg/dew/config.json');
    expect(configPath({ HOME: '/h' })).toBe('/h/.config/dew/config.json');
  });
});

describe('resolveSettings', () => {
  it('the default profile of the file when nothing overrides it', () => {
    expect(resolveSettings(config, {}, {})).toEqual({ profile: 'default', endpoint: 'http://file', projectId: 'pf', caller: { access: 'AKF', secret: 'SKF' } });
  });
  it('environment over file, flags over environment; credentials come whole from the environment when it has any', () => {
    const env = { DEW_ENDPOINT: 'http://env', DEW_PROJECT_ID: 'pe', DEW_ACCESS_KEY: 'AKE', DEW_SECRET_KEY: 'SKE' };
    expect(resolveSettings(config, env, {})).toMatchObject({ endpoint: 'http://env', projectId: 'pe', caller: { access: 'AKE', secret: 'SKE' } });
    expect(resolveSettings(config, env, { endpoint: 'http://flag' }).endpoint).toBe('http://flag');
    expect(resolveSettings(config, { DEW_TOKEN: 'T2' }, {}).caller).toEqual({ token: 'T2' });
  });
  it('--profile over DEW_PROFILE; a named profile that does not exist is a usage error', () => {
    expect(resolveSettings(config, { DEW_PROFILE: 'default' }, { profile: 'ops' })).toMatchObject({ profile: 'ops', caller: { token: 'TOK' } });
    expect(() => resolveSettings(config, { DEW_PROFILE: 'nope' }, {})).toThrow('no profile "nope"');
  });
  it('no endpoint or no credentials anywhere is a usage error saying how to set them', () => {
    expect(() => resolveSettings({ profiles: {} }, {}, {})).toThrow('no endpoint');
    expect(() => resolveSettings({ profiles: {} }, { DEW_ENDPOINT: 'http://e' }, {})).toThrow('no credentials');
  });
});

describe('writeProfile', () => {
  it('writes mode 0600, keeps the other profiles', () => {
    const path = join(mkdtempSync(join(tmpdir(), 'dew-config-')), 'dew', 'config.json');
    writeProfile(path, 'a', { endpoint: 'http://a' });
    writeProfile(path, 'b', { endpoint: 'http://b', access_key: 'AK', secret_key: 'SK' });
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(Object.keys(readConfig(path).profiles)).toEqual(['a', 'b']);
    expect(JSON.parse(readFileSync(path, 'utf8')).profiles.b.secret_key).toBe('SK');
  });

  it('an existing world-readable file is replaced by a 0600 one, never rewritten in place: a hard link to it keeps the old text', () => {
    const dir = mkdtempSync(join(tmpdir(), 'dew-config-'));
    const path = join(dir, 'config.json');
    writeFileSync(path, '{"profiles":{}}\n', { mode: 0o644 });
    chmodSync(path, 0o644);
    const elsewhere = join(dir, 'shared-copy.json');
    linkSync(path, elsewhere);
    writeProfile(path, 'a', { endpoint: 'http://a', access_key: 'AK', secret_key: 'SK' });
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(readFileSync(elsewhere, 'utf8')).toBe('{"profiles":{}}\n');
    expect(readdirSync(dir).sort()).toEqual(['config.json', 'shared-copy.json']);
  });
});
