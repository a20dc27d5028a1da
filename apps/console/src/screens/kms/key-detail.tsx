import { useState } from 'react';
import { describeKey } from '../../api/kms';
import { useSignedIn } from '../../session';
import { Details } from '../../ui/details';
import { ErrorNotice, StatusNotice } from '../../ui/error-notice';
import { takeFlash } from '../../ui/flash';
import { Page } from '../../ui/page';
import { Tabs } from '../../ui/tabs';
import { useLoad } from '../../ui/use-load';
import { KeyActions } from './key-actions';
import { enterpriseProjectLabel, formatTime, isDefaultKey, isPendingDeletion, keyStateLabel, originLabel, toolAvailable } from './key-format';
import { EditKeyDialog } from './key-edit-dialog';
import { KeyGrants } from './key-grants';
import { KeyPolicy } from './key-policy';
import { KeyRotation } from './key-rotation';
import { KeyTags } from './key-tags';
import { OnlineTool } from './online-tool';
import { KMS_ROUTES } from './paths';

/** Guide 1.4.1 step 5 (key details) with the online tool of 1.5, then Edit (alias, description), the Tags (1.6), Rotation Policy (1.7), Grants (1.8) and Key Policy tabs. */
export function KeyDetail({ keyId }: { readonly keyId: string }) {
  const { api } = useSignedIn();
  const [status, setStatus] = useState<string | null>(takeFlash);
  const [editing, setEditing] = useState(false);
  const key = useLoad(() => describeKey(api, keyId), [api, keyId]);
  const k = key.data;
  const title = k ? k.key_alias || k.key_id : 'Key';
  return (
    <Page
      title={title}
      crumbs={[{ label: 'Key Management Service' }, { label: 'Custom keys', to: KMS_ROUTES.list }]}
      actions={k ? <KeyActions keyInfo={k} onDone={(m) => (setStatus(m), key.reload())} /> : null}
    >
      <StatusNotice message={status} />
      <ErrorNotice error={key.error} />
      {!k && key.loading ? <p aria-busy="true">Loading the key…</p> : null}
      {k ? (
        <>
          <Details
            items={[
              ['Alias', k.key_alias],
              ['Status', keyStateLabel(k.key_state)],
              ['ID', <code key="id">{k.key_id}</code>],
              ['Key Algorithm and Usage', `${k.key_spec} · ${k.key_usage}`],
              ['Origin', originLabel(k.origin)],
              ['Enterprise Project', enterpriseProjectLabel(k)],
              ['Creation Time', formatTime(k.creation_date)],
              ['Description', k.key_description],
              ...(isPendingDeletion(k) ? ([['Scheduled Deletion', formatTime(k.scheduled_deletion_date)]] as const) : []),
            ]}
          />
          {isDefaultKey(k) ? null : (
            <div className="actions">
              <button type="button" onClick={() => setEditing(true)}>
                Edit
              </button>
            </div>
          )}
          {editing ? <EditKeyDialog keyInfo={k} onClose={() => setEditing(false)} onDone={(m) => (setStatus(m), key.reload())} /> : null}
          {toolAvailable(k) ? (
            <OnlineTool keyInfo={k} />
          ) : (
            <p className="hint">The online encryption tool needs an enabled key whose usage is ENCRYPT_DECRYPT.</p>
          )}
          <Tabs
            label="Key settings"
            tabs={[
              { title: 'Tags', render: () => <KeyTags keyInfo={k} /> },
              { title: 'Rotation Policy', render: () => <KeyRotation keyInfo={k} /> },
              { title: 'Grants', render: () => <KeyGrants keyInfo={k} /> },
              { title: 'Key Policy', render: () => <KeyPolicy keyInfo={k} /> },
            ]}
          />
        </>
      ) : null}
    </Page>
  );
}
