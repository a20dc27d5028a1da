import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readConfig } from './config.js';
import { runConfigure, updatedProfile } from './configure.js';
import type { Prompter } from './terminal-prompt.js';
import { UsageError } from './usage-error.js';

const keyed = { endpoint: 'http://e', project_id: 'p', access_key: 'AK', secret_key: 'SK' };
const tokened = { endpoint: 'http://e', project_id: 'p', token: 'TOK' };

/** Answers in order, recording each question and whether it was asked hidden. */
function scripted(answers: readonly string[]): Prompter & { asked: [string, boolean][] } {
  const asked: [string, boolean][] = [];
  return {
    asked,
    ask: async (question, hidden) => {
      asked.push([question, hidden]);
      return answers[asked.length - 1] ?? '';
    },
  };
}

const configEnv = () => ({ DEW_CONFIG_FILE: join(mkdtempSync(join(tmpdir(), 'dew-configure-')), 'config.json') });

describe('updatedProfile', () => {
  it('a token replaces the access key and SK: the profile keeps only the token', () => {
    expect(updatedProfile(keyed, { token: 'T2' })).toEqual({ endpoint: 'http://e', project_id: 'p', token: 'T2' });
  });
  it('an access key and SK replace the token', () => {
    expect(updatedProfile(tokened, { access_key: 'AK2', secret_key: 'SK2' })).toEqual({ endpoint: 'http://e', project_id: 'p', access_key: 'AK2', secret_key: 'SK2' });
  });
  it('a new SK alone keeps the access key; other fields keep both credentials as they are', () => {
    expect(updatedProfile(keyed, { secret_key: 'SK2' })).toEqual({ ...keyed, secret_key: 'SK2' });
    expect(updatedProfile(tokened, { project_id: 'p2' })).toEqual({ ...tokened, project_id: 'p2' });
  });
  it('both kinds at once, or an access key without an SK over a token profile, are usage errors', () => {
    expect(() => updatedProfile(keyed, { token: 'T', access_key: 'A' })).toThrow(UsageError);
    expect(() => updatedProfile(tokened, { access_key: 'AK2' })).toThrow('--access-key and --secret-key go together');
  });
});

describe('runConfigure', () => {
  it('--token over a profile with an access key leaves no access key or SK in the file', async () => {
    const env = configEnv();
    await runConfigure(['--endpoint', 'http://e', '--access-key', 'AK', '--secret-key', 'SK'], env);
    await runConfigure(['--token', 'TOK'], env);
    expect(readConfig(env.DEW_CONFIG_FILE).profiles.default).toEqual({ endpoint: 'http://e', token: 'TOK' });
  });

  it('without flags and with a terminal: asks endpoint, access key, SK (hidden) and project; the answers are written', async () => {
    const env = configEnv();
    const prompter = scripted(['http://typed', 'AKTYPED', 'SKTYPED', 'ptyped']);
    expect(await runConfigure([], env, prompter)).toContain('wrote profile "default"');
    expect(prompter.asked.map(([q, hidden]) => [q.split(' [')[0], hidden])).toEqual([['Endpoint', false], ['Access key', false], ['Secret key, not echoed', true], ['Project id', false]]);
    expect(readConfig(env.DEW_CONFIG_FILE).profiles.default).toEqual({ endpoint: 'http://typed', access_key: 'AKTYPED', secret_key: 'SKTYPED', project_id: 'ptyped' });
  });

  it('an empty answer keeps the profile value; the questions show the current values, the access key masked and the SK never', async () => {
    const env = configEnv();
    await runConfigure(['--endpoint', 'http://e', '--project-id', 'p', '--access-key', 'AKABCDEFGH12345WXYZ', '--secret-key', 'SECRET-VALUE'], env);
    const prompter = scripted(['', '', '', 'p2']);
    await runConfigure([], env, prompter);
    expect(prompter.asked.map(([q]) => q)).toEqual(['Endpoint [http://e]: ', 'Access key [****WXYZ]: ', 'Secret key, not echoed [****]: ', 'Project id [p]: ']);
    expect(readConfig(env.DEW_CONFIG_FILE).profiles.default).toEqual({ endpoint: 'http://e', project_id: 'p2', access_key: 'AKABCDEFGH12345WXYZ', secret_key: 'SECRET-VALUE' });
  });

  it('a new access key answered with the SK question left empty is a usage error, and the profile keeps its old pair', async () => {
    const env = configEnv();
    await runConfigure(['--endpoint', 'http://e', '--access-key', 'AKOLD', '--secret-key', 'SK-OLD'], env);
    await expect(runConfigure([], env, scripted(['', 'AKNEW', '', '']))).rejects.toThrow('a new access key needs its secret key');
    expect(readConfig(env.DEW_CONFIG_FILE).profiles.default).toMatchObject({ access_key: 'AKOLD', secret_key: 'SK-OLD' });
  });

  it('with flags, a terminal changes nothing: no question is asked', async () => {
    const prompter = scripted([]);
    await runConfigure(['--endpoint', 'http://e'], configEnv(), prompter);
    expect(prompter.asked).toEqual([]);
  });
});
