import type { ServerLogin } from '../../api/kps';
import { TextField } from '../../ui/field';
import { KeyTextField } from './key-text-field';

/**
 * How KPS logs in to the server for this task: the login user's password, or the private key
 * the server accepts now. What is typed stays in the form and goes to KPS once; KPS keeps it
 * only for that SSH session (docs/kps.md, "Bind tasks").
 */
export function ServerLoginField({ login, onChange }: { readonly login: ServerLogin; readonly onChange: (login: ServerLogin) => void }) {
  return (
    <>
      <fieldset className="segmented">
        <legend>Log in with</legend>
        <label>
          <input type="radio" name="server-login" checked={login.type === 'password'} onChange={() => onChange({ type: 'password', key: '' })} />
          Password
        </label>
        <label>
          <input type="radio" name="server-login" checked={login.type === 'keypair'} onChange={() => onChange({ type: 'keypair', key: '' })} />
          Private key
        </label>
      </fieldset>
      {login.type === 'password' ? (
        <TextField label="Login password" type="password" autoComplete="new-password" value={login.key} onChange={(key) => onChange({ type: 'password', key })} required />
      ) : (
        <KeyTextField label="Current private key" accept=".pem,.key" value={login.key} onChange={(key) => onChange({ type: 'keypair', key })} />
      )}
    </>
  );
}
