import { readFileSync } from 'node:fs';
import { configPath, readConfig, writeProfile, type Profile } from './config.js';
import { UsageError, unknownName } from './usage-error.js';

const FLAGS: Readonly<Record<string, keyof Profile>> = {
  endpoint: 'endpoint', 'project-id': 'project_id', 'domain-id': 'domain_id', 'access-key': 'access_key', 'secret-key': 'secret_key', token: 'token',
};

export const CONFIGURE_HELP = `usage: dew configure [--profile NAME] [--endpoint URL] [--project-id ID] [--domain-id ID]
                     [--access-key AK --secret-key SK | --token TOKEN] [--from-admin-credentials FILE]
Writes (or updates) a profile of the config file (mode 0600): $DEW_CONFIG_FILE, else
$XDG_CONFIG_HOME/dew/config.json, else ~/.config/dew/config.json. Flags not given keep the
profile's values; --from-admin-credentials takes them from make run's admin-credentials.json.`;

/** `dew configure`: the profile the flags describe, merged over the one already written; returns what to print. */
export function runConfigure(args: readonly string[], env: Readonly<Record<string, string | undefined>>): string {
  let name = 'default';
  const given: Record<string, string> = {};
  for (let i = 0; i < args.length; i++) {
    const flag = (args[i] ?? '').replace(/^--/, '');
    if (flag === 'help' || flag === '-h') return CONFIGURE_HELP;
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
  const path = configPath(env);
  const profile: Profile = { ...readConfig(path).profiles[name], ...given };
  if (!profile.endpoint) throw new UsageError('a profile needs --endpoint', 'dew configure');
  writeProfile(path, name, profile);
  return `wrote profile "${name}" to ${path}`;
}
