import { useState } from 'react';
import { useSession } from '../session';
import { ErrorNotice } from '../ui/error-notice';
import { TextField } from '../ui/field';
import { useAction } from '../ui/use-action';

/** Domain, user name and password, exchanged for an IAM token; the password is dropped once used. */
export function SignIn() {
  const { signIn, endedBecause } = useSession();
  const [domain, setDomain] = useState('');
  const [user, setUser] = useState('');
  const [password, setPassword] = useState('');
  const { busy, error, run } = useAction(() => signIn({ domain, user, password }));
  return (
    <main className="sign-in" id="main">
      <form onSubmit={run} className="form card" aria-labelledby="sign-in-title">
        <h1 id="sign-in-title">Sign in to DEW</h1>
        {endedBecause ? (
          <p role="status" className="notice info">
            {endedBecause}
          </p>
        ) : null}
        <TextField label="Account (domain) name" value={domain} onChange={setDomain} required autoComplete="organization" />
        <TextField label="User name" value={user} onChange={setUser} required autoComplete="username" />
        <TextField label="Password" type="password" value={password} onChange={setPassword} required autoComplete="current-password" />
        <ErrorNotice error={error} />
        <button type="submit" className="primary" disabled={busy}>
          {busy ? 'Signing in…' : 'Sign in'}
        </button>
      </form>
    </main>
  );
}
