import { csmsOperations, ctsOperations, dhsmOperations, HEADER_FIELDS, iamOperations, kmsOperations, kpsOperations, type HttpMethod, type Operation } from '@dew/contracts';
import { fieldsOf, type FieldSpec } from './fields.js';

/** The services `dew <service>` knows, each with its rows of the operation table. */
export const SERVICES: Readonly<Record<string, { readonly title: string; readonly rows: Readonly<Record<string, Operation>> }>> = {
  kms: { title: 'Key Management Service: keys, crypto, grants, aliases, tags, key stores', rows: kmsOperations },
  csms: { title: 'Cloud Secret Management Service: secrets, versions, stages, events', rows: csmsOperations },
  kps: { title: 'Key Pair Service: SSH key pairs, servers, bind tasks', rows: kpsOperations },
  hsm: { title: 'Dedicated HSM: instances, activation, UKey, monitoring', rows: dhsmOperations },
  cts: { title: 'Cloud Trace Service: the audit trail', rows: ctsOperations },
  iam: { title: 'Identity and Access Management: users, groups, policies, access keys, tokens', rows: iamOperations },
};

/** How `--all` follows an operation's pages, from its request's paging fields. */
export type Paging = 'marker' | 'offset' | 'none';

/** Where a command's request goes: its route (a row's first path) and the path's parameters, flags like the fields. */
export interface CliRoute {
  readonly method: HttpMethod;
  readonly path: string;
  readonly pathParams: readonly string[];
}

/** One `dew <service> <command>`: an operation row with an HTTP route. */
export interface CliCommand extends CliRoute {
  readonly service: string;
  /** The row's kebab-case name; rows named after their path (`resource_instances/action`) by their table key. */
  readonly command: string;
  readonly operation: Operation;
  /** The DTO's own specs of path parameters it also validates (their formats, for `--help`). */
  readonly pathFields: readonly FieldSpec[];
  /** Request fields that are not path parameters. */
  readonly fields: readonly FieldSpec[];
  /** Fields sent as request headers (header name by field). */
  readonly headerFields: Readonly<Record<string, string>>;
  readonly paging: Paging;
}

const kebab = (camel: string) => camel.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
const FIELD_HEADERS = Object.fromEntries(Object.entries(HEADER_FIELDS).map(([header, field]) => [field, header]));

function commandOf(service: string, key: string, operation: Operation): CliCommand | undefined {
  const http = operation.http;
  if (!http) return undefined;
  const path = http.paths[0] ?? '';
  const pathParams = [...path.matchAll(/:(\w+)/g)].map((m) => m[1] ?? '');
  const all = operation.dto ? fieldsOf(operation.dto) : [];
  const fields = all.filter((f) => !pathParams.includes(f.name));
  const names = new Set(fields.map((f) => f.name));
  return {
    service,
    command: /^[a-z0-9-]+$/.test(operation.name) ? operation.name : kebab(key),
    operation,
    method: http.method,
    path,
    pathParams,
    pathFields: all.filter((f) => pathParams.includes(f.name)),
    fields,
    headerFields: Object.fromEntries(Object.entries(FIELD_HEADERS).filter(([field]) => names.has(field))),
    paging: names.has('marker') ? 'marker' : names.has('offset') ? 'offset' : 'none',
  };
}

/** Every command of a service, in table order. */
export function commandsOf(service: string): CliCommand[] {
  const rows = SERVICES[service]?.rows ?? {};
  return Object.entries(rows).flatMap(([key, op]) => commandOf(service, key, op) ?? []);
}

/** Every command of every service: one per HTTP route of the operation table. */
export const allCommands = (): CliCommand[] => Object.keys(SERVICES).flatMap(commandsOf);
