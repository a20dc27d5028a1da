import { apiErrorOf } from './errors';

/** What every call needs: the token (memory only) and the project KMS and CSMS paths name. */
export interface Credentials {
  readonly token: string;
  readonly projectId: string;
}

export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** Marks the calls as the console's, so CTS records them as ConsoleAction (docs/api-decisions.md, "CTS trace_type"). */
export const CLIENT_HEADER = { 'X-Dew-Client': 'console' } as const;

/**
 * One API call with the session's token. The token travels in a header, never in a cookie, so
 * another site cannot make the browser send it (no CSRF). Answers the parsed body; throws an
 * ApiError carrying the API's code and message for anything but 2xx.
 */
export async function call<T>(creds: Credentials, method: Method, path: string, body?: unknown): Promise<T> {
  const res = await fetch(path.replace('{project_id}', encodeURIComponent(creds.projectId)), {
    method,
    headers: { ...CLIENT_HEADER, 'X-Auth-Token': creds.token, ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
    credentials: 'omit',
    cache: 'no-store',
  });
  const parsed = await parseBody(res);
  if (!res.ok) throw apiErrorOf(res.status, parsed);
  return parsed as T;
}

/** The JSON of an answer, or its text when it is not JSON (an error page), or undefined when empty. */
export async function parseBody(res: Response): Promise<unknown> {
  const raw = await res.text();
  if (raw === '') return undefined;
  try {
    return JSON.parse(raw) as unknown;
  } catch {
    return raw;
  }
}
