import { HEADER_FIELDS } from '@dew/contracts';
import { sendToGateway } from '../api-client.js';
import { parseCommandArgs, type ParsedCommand } from './args.js';
import { commandsOf, SERVICES, type CliCommand } from './catalog.js';
import { configPath, readConfig, resolveSettings, type Resolved } from './config.js';
import { runConfigure } from './configure.js';
import type { Prompter } from './terminal-prompt.js';
import { commandHelp, rootHelp, RUNNER_COMMANDS, serviceHelp } from './help.js';
import { pick, render } from './output.js';
import { joinPages, nextPageFields } from './paging.js';
import { buildRequest } from './request.js';
import { UsageError, unknownName } from './usage-error.js';

export interface Io {
  readonly out: (text: string) => void;
  readonly err: (text: string) => void;
  /** Present when a person is at a terminal: `dew configure` without flags asks its questions. */
  readonly prompter?: Prompter;
}
type Env = Readonly<Record<string, string | undefined>>;

/** The API's refusal, as the family's body carries it (error_code/error_msg, nested or not). */
export class Refused extends Error {
  constructor(readonly status: number, readonly code: string, message: string) {
    super(message);
  }
}

function refusalOf(status: number, text: string): Refused {
  let body: Record<string, unknown> = {};
  try {
    body = JSON.parse(text) as Record<string, unknown>;
  } catch { /* a HEAD or a proxy's page: no JSON */ }
  const nested = (body.error ?? {}) as Record<string, unknown>;
  const code = String(body.error_code ?? nested.error_code ?? `HTTP.${status}`);
  const message = String(body.error_msg ?? nested.error_msg ?? nested.message ?? (text || `HTTP ${status}`));
  return new Refused(status, code, message);
}

async function call(cmd: CliCommand, settings: Resolved, fields: Readonly<Record<string, unknown>>, pathValues: Readonly<Record<string, string>>): Promise<unknown> {
  const res = await sendToGateway(settings.endpoint, settings.projectId, settings.caller, buildRequest(cmd, fields, pathValues));
  if (res.status >= 400) throw refusalOf(res.status, res.text);
  const body = res.text ? (JSON.parse(res.text) as unknown) : undefined;
  // An answer carried in a header (create-token's X-Subject-Token) is shown as the field that header stands for.
  const fromHeaders = Object.entries(HEADER_FIELDS).flatMap(([header, field]) => {
    const value = res.headers.get(header);
    return value === null ? [] : [[field, value] as const];
  });
  return fromHeaders.length > 0 && (body === undefined || (body !== null && typeof body === 'object' && !Array.isArray(body))) ? { ...(body as object | undefined), ...Object.fromEntries(fromHeaders) } : body;
}

const MAX_PAGES = 10_000;

async function callAll(cmd: CliCommand, settings: Resolved, parsed: ParsedCommand): Promise<unknown> {
  const pages: unknown[] = [];
  let fields: Readonly<Record<string, unknown>> | undefined = parsed.fields;
  while (fields && pages.length < MAX_PAGES) {
    const page = await call(cmd, settings, fields, parsed.pathValues);
    pages.push(page);
    fields = parsed.globals.all ? nextPageFields(cmd.paging, fields, page) : undefined;
  }
  return joinPages(pages);
}

/** Path parameters the profile fills when not given: its project, and its domain. */
function pathDefaults(cmd: CliCommand, settings: Resolved): Record<string, string> {
  const out: Record<string, string> = {};
  if (cmd.pathParams.includes('project_id') && settings.projectId) out.project_id = settings.projectId;
  if (cmd.pathParams.includes('domain_id') && settings.domainId) out.domain_id = settings.domainId;
  return out;
}

/** The settings `--profile` and `--endpoint` select (read before the rest, as the profile fills path defaults). */
function settingsFor(env: Env, args: readonly string[]): Resolved {
  const flag = (name: string) => {
    const i = args.findIndex((a) => a === `--${name}` || a.startsWith(`--${name}=`));
    if (i < 0) return undefined;
    return (args[i] ?? '').includes('=') ? (args[i] ?? '').slice(name.length + 3) : args[i + 1];
  };
  const profile = flag('profile');
  const endpoint = flag('endpoint');
  return resolveSettings(readConfig(configPath(env)), env, { ...(profile ? { profile } : {}), ...(endpoint ? { endpoint } : {}) });
}

async function runCommand(cmd: CliCommand, args: readonly string[], env: Env, io: Io): Promise<number> {
  if (args.includes('--help') || args.includes('-h')) {
    parseCommandArgs(cmd, args, {});
    io.out(commandHelp(cmd, new Set(['project_id', 'domain_id'].filter((p) => cmd.pathParams.includes(p)))));
    return 0;
  }
  const settings = settingsFor(env, args);
  const parsed = parseCommandArgs(cmd, args, pathDefaults(cmd, settings));
  const reply = await callAll(cmd, settings, parsed);
  if (reply === undefined) return 0;
  const shown = parsed.globals.query ? pick(reply, parsed.globals.query) : reply;
  io.out(render(shown, parsed.globals.output));
  return 0;
}

/** `dew <service> <command> …` and `dew configure`; the exit code: 0 ok, 1 refused by the API, 2 usage error. */
export async function runCli(argv: readonly string[], env: Env, io: Io): Promise<number> {
  try {
    const [service, command, ...rest] = argv;
    if (service === undefined || service === '--help' || service === '-h' || service === 'help') {
      (service === undefined ? io.err : io.out)(rootHelp());
      return service === undefined ? 2 : 0;
    }
    if (service === 'configure') {
      io.out(await runConfigure(argv.slice(1), env, io.prompter));
      return 0;
    }
    if (!SERVICES[service]) throw unknownName('service or command', service, [...Object.keys(SERVICES), 'configure', ...RUNNER_COMMANDS.map(([c]) => c.split(' ')[0] ?? c)], 'dew');
    if (command === undefined || command === '--help' || command === '-h' || command === 'help') {
      (command === undefined ? io.err : io.out)(serviceHelp(service));
      return command === undefined ? 2 : 0;
    }
    const commands = commandsOf(service);
    const cmd = commands.find((c) => c.command === command);
    if (!cmd) throw unknownName(`${service} command`, command, commands.map((c) => c.command), `dew ${service}`);
    return await runCommand(cmd, rest, env, io);
  } catch (err) {
    if (err instanceof UsageError) {
      io.err(`dew: ${err.message}\n(see ${err.helpFor} --help)`);
      return 2;
    }
    if (err instanceof Refused) {
      io.err(`${err.code}: ${err.message} (HTTP ${err.status})`);
      return 1;
    }
    io.err(`dew: ${(err as Error).message}`);
    return 1;
  }
}
