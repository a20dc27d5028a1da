import { createKey } from '../../api/kms';
import { navigate } from '../../router';
import { pathTo } from '../../route-match';
import { useSignedIn } from '../../session';
import { ErrorNotice } from '../../ui/error-notice';
import { flash } from '../../ui/flash';
import { Page } from '../../ui/page';
import { useAction } from '../../ui/use-action';
import { KeyFields, useKeyFields } from './key-fields';
import { KEY_SPECS } from './key-format';
import { KMS_ROUTES } from './paths';

/** Guide 1.2, "Creating a CMK": alias, algorithm, usage (fixed once created), description. */
export function KeyCreate() {
  const { api } = useSignedIn();
  const fields = useKeyFields('AES_256');
  const { busy, error, run } = useAction(async () => {
    const keyId = await createKey(api, fields.values);
    flash(`Key ${fields.values.key_alias} created.`);
    navigate(pathTo(KMS_ROUTES.detail, { keyId }));
  });
  return (
    <Page title="Create Key" crumbs={[{ label: 'Key Management Service' }, { label: 'Custom keys', to: KMS_ROUTES.list }]}>
      <form onSubmit={run} className="form">
        <KeyFields state={fields} specs={KEY_SPECS.map((s) => s.spec)} />
        <ErrorNotice error={error} />
        <div className="actions">
          <button type="submit" className="primary" disabled={busy}>
            {busy ? 'Creating…' : 'OK'}
          </button>
          <a href={`#${KMS_ROUTES.list}`}>Cancel</a>
        </div>
      </form>
    </Page>
  );
}
