import { useState } from 'react';
import { createUser } from '../../api/iam-admin';
import { navigate } from '../../router';
import { useSignedIn } from '../../session';
import { ErrorNotice } from '../../ui/error-notice';
import { TextArea, TextField } from '../../ui/field';
import { flash } from '../../ui/flash';
import { Page } from '../../ui/page';
import { useAction } from '../../ui/use-action';
import { IAM_CRUMBS } from './iam-crumbs';
import { IAM_ROUTES } from './paths';

/** Guide 6.1 step 2: a user with a password for the console; IAM checks the name and the password's strength. */
export function UserCreate() {
  const { api } = useSignedIn();
  const [name, setName] = useState('');
  const [password, setPassword] = useState('');
  const [again, setAgain] = useState('');
  const [description, setDescription] = useState('');
  const mismatch = again !== '' && again !== password;
  const { busy, error, run } = useAction(async () => {
    const user = await createUser(api, { name, password, description });
    // The password leaves the page's state once sent.
    setPassword('');
    setAgain('');
    flash(`User ${user.name} created.`);
    navigate(IAM_ROUTES.users);
  });
  return (
    <Page title="Create User" crumbs={[...IAM_CRUMBS, { label: 'Users', to: IAM_ROUTES.users }]}>
      <form onSubmit={run} className="form">
        <TextField label="Username" value={name} onChange={setName} required maxLength={64} />
        <TextField label="Password" type="password" autoComplete="new-password" value={password} onChange={setPassword} required />
        <TextField label="Confirm Password" type="password" autoComplete="new-password" value={again} onChange={setAgain} required />
        {mismatch ? (
          <p role="alert" className="notice error">
            The passwords do not match.
          </p>
        ) : null}
        <TextArea label="Description (optional)" value={description} onChange={setDescription} rows={2} />
        <ErrorNotice error={error} />
        <div className="actions">
          <button type="submit" className="primary" disabled={busy || mismatch}>
            {busy ? 'Creating…' : 'OK'}
          </button>
          <a href={`#${IAM_ROUTES.users}`}>Cancel</a>
        </div>
      </form>
    </Page>
  );
}
