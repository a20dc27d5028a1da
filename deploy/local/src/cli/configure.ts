import { readFileSync } from 'node:fs';
import { configPath, readConfig, writeProfile, type Profile } from './config.js';
import type { Prompter } from './terminal-prompt.js';
import { UsageError, unknownName } from './usage-error.js';

const FLAGS: Readonly<Record<string, keyof Profile>> = {
  endpoint: 'endpoint', 'project-id': 'project_id', 'domain-id': 'domain_id', 'access-key': 'access_key', 'secret-key': 'secret_key', token: 'token',
};

export const CONFIGURE_HELP = `usage: dew configure [--profile NAME] [--endpoint URL] [--project-id ID] [--domain-id ID]
                     [--access-key AK --secret-key SK | --token TOKEN] [--from-admin-credentials FILE]
Writes (or updates) a profile of the config file (mode 0600): $DEW_CONFIG_FILE, else
$XDG_CONFIG_HOME/dew/config.json, else ~/.config/dew/config.json. Flags not given keep the
profile's values; a token replaces the profile's access key and SK, and an access key and SK
replace its token. --from-admin-credentials takes them from make run's admin-credentials.json.
Without flags on a terminal, asks for the endpoint, access key, SK (not echoed) and project id;
an empty answer keeps the profile's value.`;

type Given = Partial<Record<keyof Profile, string>>;

function parseFlags(args: readonly string[]): { name: string; given: Given } | 'help' {
  let name = 'default';
  const given: Given = {};
  for (let i = 0; i < args.length; i++) {
    const flag = (args[i] ?? '').replace(/^--/, '');
    if (flag === 'help' || flag === '-h') return 'help';
    const value = args[++i];
    if (!(args[i - 1] ?? '').startsWith('--')) throw new UsageError(`unexpected argument "${args[i - 1] ?? ''}"`, 'dew configure');
    if (value === undefined) throw new UsageError(`--${flag} needs a value`, 'dew configure');
    if (flag === 'profile') name = value;
    else if (flag === 'from-admin-credentials') {
      const c = JSON.parse(readFileSync(value, 'utf8')) as Record<string, string>;
      Object.assign(given, { endpoint: c.endpoint, project_id: c.project_id, domain_id: c.domain_id, access_key: c.access, secret_key: c.secret });
    } else if (FLAGS[flag]) given[FLAGS[flag]] = value;
    else throw unknownName('flag', `--${flag}`, ['--profile', '--from-admin-credentials', ...Object.keys(FLAGS).map((f) => `--${f}`)], 'dew configure');
  }
  return { name, given };
}

/**
 * The profile `given` makes of `current`. Credentials are one kind per profile: a token replaces
 * the access key and SK, an access key or SK replaces the token (both kinds at once is a usage error).
 */
export function updatedProfile(current: Profile, given: Given): Profile {
  const keys = given.access_key !== undefined || given.secret_key !== undefined;
  const token = given.token !== undefined;
  if (keys && token) throw new UsageError('give either --access-key and --secret-key or --token, not both', 'dew configure');
  const { access_key, secret_key, token: oldToken, ...rest } = current;
  const kept: Given = token ? {} : keys ? { access_key, secret_key } : { access_key, secret_key, token: oldToken };
  const profile = Object.fromEntries(Object.entries({ ...rest, ...kept, ...given }).filter(([, v]) => v !== undefined)) as Profile;
  if (!profile.endpoint) throw new UsageError('a profile needs --endpoint', 'dew configure');
  if (keys && !(profile.access_key && profile.secret_key)) throw new UsageError('--access-key and --secret-key go together', 'dew configure');
  return profile;
}

const shown = (value: string | undefined) => value ?? 'none';
const masked = (value: string | undefined) => (value ? `****${value.slice(-4)}` : 'none');

/** The questions of an interactive `dew configure`, each answered or skipped (empty keeps the profile's value). */
async function askAll(prompter: Prompter, current: Profile): Promise<Given> {
  const given: Given = {};
  const questions: readonly [keyof Profile, string, boolean][] = [
    ['endpoint', `Endpoint [${shown(current.endpoint)}]: `, false],
    ['access_key', `Access key [${masked(current.access_key)}]: `, false],
    ['secret_key', `Secret key, not echoed [${current.secret_key ? '****' : 'none'}]: `, true],
    ['project_id', `Project id [${shown(current.project_id)}]: `, false],
  ];
  try {
    for (const [field, question, hidden] of questions) {
      const answer = await prompter.ask(question, hidden);
      if (answer !== '') given[field] = answer;
    }
  } finally {
    prompter.close?.();
  }
  // A new access key with the old SK would sign with a key that is not its own.
  if (given.access_key !== undefined && given.access_key !== current.access_key && given.secret_key === undefined) {
    throw new UsageError('a new access key needs its secret key: answer the secret key question too', 'dew configure');
  }
  return given;
}

/**
 * `dew configure`: the profile the flags describe (or, without flags and with a `prompter`, the
 * answers to its questions), merged over the one already written; returns what to print.
 */
export async function runConfigure(args: readonly string[], env: Readonly<Record<string, string | undefined>>, prompter?: Prompter): Promise<string> {
  const parsed = parseFlags(args);
  if (parsed === 'help') return CONFIGURE_HELP;
  const path = configPath(env);
  const current = readConfig(path).profiles[parsed.name] ?? {};
  const given = args.length === 0 && prompter ? await askAll(prompter, current) : parsed.given;
  writeProfile(path, parsed.name, updatedProfile(current, given));
  return `wrote profile "${parsed.name}" to ${path}`;
}
