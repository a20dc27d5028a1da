import { flagOf, GLOBAL_FLAGS } from './args.js';
import { commandsOf, SERVICES, type CliCommand } from './catalog.js';
import { fieldMeaning } from './field-docs.js';
import type { FieldSpec } from './fields.js';

const columns = (rows: readonly (readonly [string, string])[], indent = '  ') => {
  const width = Math.max(0, ...rows.map(([a]) => a.length));
  return rows.map(([a, b]) => `${indent}${a.padEnd(width)}  ${b}`.trimEnd());
};

/** Runner commands `dew` also knows (deploy/local/src/runner-cli.ts). */
export const RUNNER_COMMANDS: readonly (readonly [string, string])[] = [
  ['run', 'start the whole system (make run)'],
  ['replay', 'rebuild every read model from the streams and compare'],
  ['backup <dir> [--include-root-key]', 'every stream and KV bucket, the HSM files and the root key reference into a new directory (docs/backup.md)'],
  ['restore <dir>', 'a backup into an empty data dir (docs/backup.md)'],
  ['provision-streams', 'create the JetStream streams'],
  ['root-key init|migrate|rotate|status', 'the root key (README, "Root key in an HSM")'],
  ['admin <command>', 'IAM conveniences by name, signed with $DEW_DATA_DIR/admin-credentials.json (dew admin help)'],
  ['operations-doc', 'regenerate the operation table of docs/architecture.md'],
  ['k8s-generate', 'write the generated files of k8s/ (NATS config, Deployments, Secret shapes)'],
];

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

export function rootHelp(): string {
  return [
    'usage: dew <service> <command> [--flag value ...]',
    '       dew configure [--profile NAME] [--endpoint URL] [--project-id ID] [--access-key AK --secret-key SK | --token T]',
    '',
    'services (dew <service> --help lists its commands):',
    ...columns(Object.entries(SERVICES).map(([name, s]) => [name, `${s.title} (${plural(commandsOf(name).length, 'command')})`])),
    '',
    'other commands:',
    ...columns([['configure', 'write a profile to ~/.config/dew/config.json (mode 0600)'], ...RUNNER_COMMANDS]),
    '',
    'options of every service command:',
    ...columns(GLOBAL_FLAGS.map((g) => [`--${g.flag}`, g.help])),
    '',
    'environment: DEW_ENDPOINT, DEW_PROJECT_ID, DEW_DOMAIN_ID, DEW_ACCESS_KEY, DEW_SECRET_KEY, DEW_TOKEN, DEW_PROFILE,',
    '  DEW_CONFIG_FILE (over the profile file). Exit codes: 0 ok, 1 refused by the API, 2 usage error.',
  ].join('\n');
}

export function serviceHelp(service: string): string {
  const commands = commandsOf(service);
  return [
    `usage: dew ${service} <command> [--flag value ...]`,
    '',
    `${SERVICES[service]?.title ?? service}. Commands (dew ${service} <command> --help for its flags):`,
    ...columns(commands.map((c) => [c.command, `${c.method} ${c.path.replace(/:(\w+)/g, '{$1}')}`])),
  ].join('\n');
}

function typeText(spec: FieldSpec): string {
  if (spec.choices) return spec.choices.join('|');
  if (spec.type === 'string[]') return 'string (repeatable, or a JSON array)';
  return spec.type;
}

/** A flag's line: required or not, its type, what it is, and what its validation allows. */
function flagText(required: string, type: string, meaning: string, rules: readonly string[] = []): string {
  return [`${required}, ${type}: ${meaning}`, ...rules].join('; ');
}

/** The glossary's examples of values (`(AES_256, SM4, …)`) are left out where the allowed values are listed. */
function meaningBeside(spec: FieldSpec, cmd: CliCommand): string {
  const meaning = fieldMeaning(spec.name, cmd.command, cmd.operation.permission?.resource);
  return spec.choices ? meaning.replace(/ \([^()]*…\)$/, '') : meaning;
}

function fieldRows(spec: FieldSpec, cmd: CliCommand): (readonly [string, string])[] {
  const nested = spec.children ? '; or one flag per field below' : '';
  const own: readonly [string, string] = [
    `--${flagOf(spec.name)} <${spec.type === 'json' ? 'json' : spec.type}>`,
    `${flagText(spec.required ? 'required' : 'optional', typeText(spec), meaningBeside(spec, cmd), spec.rules)}${nested}`,
  ];
  return [own, ...(spec.children ?? []).flatMap((child) => fieldRows(child, cmd))];
}

export function commandHelp(cmd: CliCommand, defaulted: ReadonlySet<string>): string {
  const action = cmd.operation.permission ? ` (IAM action ${cmd.operation.permission.action})` : '';
  const pathRows = cmd.pathParams.map((p): readonly [string, string] => [
    `--${flagOf(p)} <string>`,
    flagText(defaulted.has(p) ? "optional (default: the profile's)" : 'required', 'string, path parameter', fieldMeaning(p, cmd.command, cmd.operation.permission?.resource), [...(cmd.pathFields.find((f) => f.name === p)?.rules ?? []), 'one path segment']),
  ]);
  const rows = [...pathRows, ...cmd.fields.flatMap((f) => fieldRows(f, cmd))];
  const body = cmd.operation.flags.arrayBody ? ['', `The body is the JSON array given as --items (1 to ${cmd.operation.flags.arrayBody.maxItems} objects).`] : [];
  const paging = cmd.paging === 'none' ? [] : ['', `--all follows the pages (${cmd.paging}).`];
  return [
    `usage: dew ${cmd.service} ${cmd.command} [--flag value ...]`,
    '',
    `${cmd.method} ${cmd.path.replace(/:(\w+)/g, '{$1}')}${action}`,
    '',
    'flags:',
    ...(rows.length > 0 ? columns(rows) : ['  (none)']),
    ...body,
    ...paging,
    '',
    'Values may be file://PATH (the file\'s text) or fileb://PATH (its bytes, base64).',
    'options: --profile, --endpoint, --output json|table, --query PATH, --all, --input-json JSON, --help (dew --help)',
  ].join('\n');
}
