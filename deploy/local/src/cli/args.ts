import type { CliCommand } from './catalog.js';
import type { FieldSpec, FieldType } from './fields.js';
import { UsageError, unknownName } from './usage-error.js';
import { coerce, resolveFileValue } from './values.js';

/** Options every command takes beside its own flags. */
export interface GlobalOptions {
  readonly profile?: string;
  readonly endpoint?: string;
  readonly output: 'json' | 'table';
  readonly query?: string;
  readonly all: boolean;
  readonly help: boolean;
}

export interface ParsedCommand {
  readonly globals: GlobalOptions;
  /** The request's fields, nested as the DTO nests them. */
  readonly fields: Record<string, unknown>;
  readonly pathValues: Readonly<Record<string, string>>;
}

type Target =
  | { readonly kind: 'global'; readonly name: keyof GlobalOptions | 'input-json'; readonly type: FieldType; readonly choices?: readonly string[] }
  | { readonly kind: 'path'; readonly name: string }
  | { readonly kind: 'field'; readonly spec: FieldSpec };

export const GLOBAL_FLAGS: readonly { flag: string; target: Target; help: string }[] = [
  { flag: 'profile', target: { kind: 'global', name: 'profile', type: 'string' }, help: 'the profile of ~/.config/dew/config.json to use (default: $DEW_PROFILE or "default")' },
  { flag: 'endpoint', target: { kind: 'global', name: 'endpoint', type: 'string' }, help: "the gateway's URL, over the profile's and $DEW_ENDPOINT" },
  { flag: 'output', target: { kind: 'global', name: 'output', type: 'string', choices: ['json', 'table'] }, help: 'json (default) or table (the reply\'s list as columns)' },
  { flag: 'query', target: { kind: 'global', name: 'query', type: 'string' }, help: 'print only this field of the reply: a.b.0.c, "*" for every element (keys.*.key_id); text is printed bare' },
  { flag: 'all', target: { kind: 'global', name: 'all', type: 'boolean' }, help: 'follow every page (marker or offset) and print the lists joined' },
  { flag: 'input-json', target: { kind: 'global', name: 'input-json', type: 'json' }, help: 'the whole request as JSON (or file://req.json); flags given beside it win' },
  { flag: 'help', target: { kind: 'global', name: 'help', type: 'boolean' }, help: 'this help' },
];

/** `key_id` → `key-id`, `user.domain_id` → `user.domain-id`. */
export const flagOf = (name: string) => name.replace(/_/g, '-');

function targets(cmd: CliCommand): Map<string, Target> {
  const map = new Map<string, Target>();
  const addField = (spec: FieldSpec) => {
    map.set(flagOf(spec.name), { kind: 'field', spec });
    for (const child of spec.children ?? []) addField(child);
  };
  for (const name of cmd.pathParams) map.set(flagOf(name), { kind: 'path', name });
  for (const spec of cmd.fields) addField(spec);
  for (const g of GLOBAL_FLAGS) map.set(g.flag, g.target);
  return map;
}

function setPath(into: Record<string, unknown>, dotted: string, value: unknown, append: boolean): void {
  const parts = dotted.split('.');
  let node = into;
  for (const part of parts.slice(0, -1)) {
    const next = node[part];
    node = next !== null && typeof next === 'object' && !Array.isArray(next) ? (next as Record<string, unknown>) : (node[part] = {});
  }
  const last = parts.at(-1) ?? '';
  const prior = node[last];
  node[last] = append && Array.isArray(prior) && Array.isArray(value) ? [...(prior as unknown[]), ...(value as unknown[])] : value;
}

/** Objects merged key by key (flags over --input-json); anything else replaced. */
function merge(base: unknown, over: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = base !== null && typeof base === 'object' && !Array.isArray(base) ? { ...(base as Record<string, unknown>) } : {};
  for (const [k, v] of Object.entries(over)) {
    const isObj = v !== null && typeof v === 'object' && !Array.isArray(v);
    out[k] = isObj ? merge(out[k], v as Record<string, unknown>) : v;
  }
  return out;
}

/** The required fields a request lacks (top level, and inside nested objects that were given). */
function missing(specs: readonly FieldSpec[], values: Record<string, unknown>, optional: ReadonlySet<string>): string[] {
  return specs.flatMap((spec) => {
    const own = spec.name.split('.').at(-1) ?? spec.name;
    const value = values[own];
    if (value === undefined) return spec.required && !optional.has(spec.name) ? [`--${flagOf(spec.name)}`] : [];
    const isObj = value !== null && typeof value === 'object' && !Array.isArray(value);
    return spec.children && isObj ? missing(spec.children, value as Record<string, unknown>, optional) : [];
  });
}

/**
 * A path parameter is one segment of the URL: `.` and `..` would be resolved away by URL
 * normalisation (another route than the command's), and a `/` would split it; refused before
 * any request, naming the flag.
 */
function refuseUnsafePathValues(values: Readonly<Record<string, string>>, helpFor: string): void {
  for (const [name, value] of Object.entries(values)) {
    if (value === '' || value === '.' || value === '..' || value.includes('/')) {
      throw new UsageError(`--${flagOf(name)} must be one path segment: not empty, "." or ".." and no "/" (got ${JSON.stringify(value.slice(0, 64))})`, helpFor);
    }
  }
}

const GLOBAL_DEFAULTS: GlobalOptions = { output: 'json', all: false, help: false };

/**
 * A command's arguments: `--flag value` or `--flag=value`, booleans bare, repeatable arrays;
 * values may be file:// or fileb:// references. Unknown flags are refused by name.
 */
export function parseCommandArgs(cmd: CliCommand, args: readonly string[], defaults: Readonly<Record<string, string>>, readFile?: (path: string) => Buffer): ParsedCommand {
  const helpFor = `dew ${cmd.service} ${cmd.command}`;
  const map = targets(cmd);
  const globals: Record<string, unknown> = { ...GLOBAL_DEFAULTS };
  let fields: Record<string, unknown> = {};
  let input: unknown;
  const pathValues: Record<string, string> = {};
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] ?? '';
    if (arg === '-h') { globals.help = true; continue; }
    if (!arg.startsWith('--')) throw new UsageError(`unexpected argument "${arg}" (flags are --name value)`, helpFor);
    const eq = arg.indexOf('=');
    const given = flagOf(eq > 0 ? arg.slice(2, eq) : arg.slice(2));
    const target = map.get(given);
    if (!target) throw unknownName('flag', `--${given}`, [...map.keys()].map((f) => `--${f}`), helpFor);
    const type = target.kind === 'field' ? target.spec.type : target.kind === 'global' ? target.type : 'string';
    let text = eq > 0 ? arg.slice(eq + 1) : undefined;
    if (text === undefined && type === 'boolean') {
      const next = args[i + 1];
      text = next === 'true' || next === 'false' ? (i++, next) : 'true';
    }
    if (text === undefined) {
      const next = args[i + 1];
      if (next === undefined || (next.startsWith('--') && next.length > 2)) throw new UsageError(`--${given} needs a value`, helpFor);
      text = next;
      i++;
    }
    const resolved = resolveFileValue(text, given, readFile);
    if (target.kind === 'path') pathValues[target.name] = resolved;
    else if (target.kind === 'global') {
      const value = coerce(resolved, target.type, given, target.choices);
      if (target.name === 'input-json') input = value;
      else globals[target.name] = value;
    } else setPath(fields, target.spec.name, coerce(resolved, target.spec.type, given, target.spec.choices), target.spec.type === 'string[]');
  }
  if (input !== undefined) fields = merge(input, fields);
  const parsed = { globals: globals as unknown as GlobalOptions, fields, pathValues: { ...defaults, ...pathValues } };
  if (parsed.globals.help) return parsed;
  refuseUnsafePathValues(parsed.pathValues, helpFor);
  const absentPath = cmd.pathParams.filter((p) => parsed.pathValues[p] === undefined).map((p) => `--${flagOf(p)}`);
  // The gateway names the key of a decrypt from the ciphertext itself.
  const optional = new Set(cmd.operation.flags.keyFromCiphertext ? ['key_id'] : []);
  const absent = [...absentPath, ...missing(cmd.fields, fields, optional)];
  if (absent.length > 0) throw new UsageError(`missing required ${absent.join(', ')}`, helpFor);
  return parsed;
}
