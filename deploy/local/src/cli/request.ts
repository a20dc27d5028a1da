import type { CliCommand } from './catalog.js';

/** An HTTP request, before signing. */
export interface PlainRequest {
  readonly method: string;
  /** Path and query, as signed. */
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
  /** The JSON body, or '' for none. */
  readonly body: string;
}

function queryOf(fields: Readonly<Record<string, unknown>>): string {
  const query = new URLSearchParams();
  for (const [name, value] of Object.entries(fields)) {
    for (const one of Array.isArray(value) ? value : [value]) {
      query.append(name, typeof one === 'object' && one !== null ? JSON.stringify(one) : String(one));
    }
  }
  const text = query.toString();
  return text ? `?${text}` : '';
}

/**
 * The request the gateway routes to a command: path parameters in the path, header fields in
 * headers, the other fields in the query of a GET or HEAD and in the JSON body otherwise (a batch
 * call's `items` is the body itself).
 */
export function buildRequest(cmd: CliCommand, fields: Readonly<Record<string, unknown>>, pathValues: Readonly<Record<string, string>>): PlainRequest {
  const path = cmd.path.replace(/:(\w+)/g, (_, name: string) => encodeURIComponent(pathValues[name] ?? ''));
  const headers: Record<string, string> = {};
  const rest: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(fields)) {
    const header = cmd.headerFields[name];
    if (header) headers[header] = String(value);
    else rest[name] = value;
  }
  if (cmd.method === 'GET' || cmd.method === 'HEAD') return { method: cmd.method, url: path + queryOf(rest), headers, body: '' };
  const payload = cmd.operation.flags.arrayBody ? rest.items : rest;
  const body = payload === undefined || (!Array.isArray(payload) && Object.keys(payload as object).length === 0) ? '' : JSON.stringify(payload);
  return { method: cmd.method, url: path, headers: body ? { ...headers, 'content-type': 'application/json' } : headers, body };
}
