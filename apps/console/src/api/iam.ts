import type { AuthProjectsReply } from '@dew/contracts/wire-replies';
import { apiErrorOf } from './errors';
import { call, CLIENT_HEADER, parseBody, type Credentials } from './http';

export interface SignInForm {
  readonly domain: string;
  readonly user: string;
  readonly password: string;
}

export type Project = Pick<AuthProjectsReply['projects'][number], 'id' | 'name'>;

/** A signed-in session: everything here lives in memory only and is gone on reload or sign-out. */
export interface Session extends Credentials {
  readonly userName: string;
  readonly domainName: string;
  /** The signed-in user's and account's IDs: a grant names its grantee and retiring principal by them. */
  readonly userId: string;
  readonly domainId: string;
  readonly expiresAt: number;
  readonly projects: readonly Project[];
}

interface TokenBody {
  readonly token: { readonly expires_at: string; readonly user: { readonly id: string; readonly name: string; readonly domain: { readonly id: string; readonly name: string } } };
}

/**
 * Password sign-in through IAM's token API (`POST /v3/auth/tokens`, scoped to the domain): the
 * browser gets a token and never an access key's SK. The domain-scoped token answers for every
 * project of the account (docs/iam-security.md, "Tokens"); the console then lists those projects
 * and works in the first, as the cloud console opens in a region.
 */
export async function signIn(form: SignInForm): Promise<Session> {
  const res = await fetch('/v3/auth/tokens?nocatalog=true', {
    method: 'POST',
    headers: { ...CLIENT_HEADER, 'Content-Type': 'application/json' },
    body: JSON.stringify({
      auth: {
        identity: { methods: ['password'], password: { user: { name: form.user, password: form.password, domain: { name: form.domain } } } },
        scope: { domain: { name: form.domain } },
      },
    }),
    credentials: 'omit',
    cache: 'no-store',
  });
  const body = await parseBody(res);
  const token = res.headers.get('X-Subject-Token');
  if (!res.ok || !token) throw apiErrorOf(res.status, body);
  const { expires_at, user } = (body as TokenBody).token;
  const { projects } = await call<AuthProjectsReply>({ token, projectId: '' }, 'GET', '/v3/auth/projects');
  const first = projects[0];
  if (!first) throw apiErrorOf(403, { error_code: 'IAM.0006', error_msg: `User ${user.name} has no project to work in.` });
  return { token, projectId: first.id, userName: user.name, domainName: user.domain.name, userId: user.id, domainId: user.domain.id, expiresAt: Date.parse(expires_at), projects };
}
