import { useState } from 'react';
import type { KmsTag } from '@dew/contracts/wire-replies';
import type { KeyDetails } from '../../api/kms';
import { createKeyTag, deleteKeyTag, showKeyTags } from '../../api/kms-key-settings';
import { useSignedIn } from '../../session';
import { ConfirmDialog } from '../../ui/confirm-dialog';
import { ErrorNotice, StatusNotice } from '../../ui/error-notice';
import { TextField } from '../../ui/field';
import { ScrollTable } from '../../ui/scroll-table';
import { useLoad } from '../../ui/use-load';
import { isDefaultKey } from './key-format';

/** Table 1-11's limits. */
const MAX_TAGS = 20;
const MAX_KEY = 36;
const MAX_VALUE = 43;

type Open = { readonly mode: 'add' } | { readonly mode: 'edit' | 'delete'; readonly tag: KmsTag };

/** Guide 1.6: a key's tags; Add Tag, Edit (a new value for the same tag key) and Delete. */
export function KeyTags({ keyInfo }: { readonly keyInfo: KeyDetails }) {
  const { api } = useSignedIn();
  const keyId = keyInfo.key_id;
  const tags = useLoad(() => showKeyTags(api, keyId), [api, keyId]);
  const [open, setOpen] = useState<Open | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  if (isDefaultKey(keyInfo)) return <p className="hint">Tags cannot be added to default master keys.</p>;
  const list = tags.data ?? [];
  const done = (message: string) => (setStatus(message), tags.reload());
  return (
    <>
      <StatusNotice message={status} />
      <ErrorNotice error={tags.error} />
      <div className="actions">
        <button type="button" onClick={() => setOpen({ mode: 'add' })} disabled={!tags.data || list.length >= MAX_TAGS}>
          Add Tag
        </button>
        <span className="hint">You can add {MAX_TAGS - list.length} more tags.</span>
      </div>
      {tags.data && list.length === 0 ? <p>No tags yet.</p> : null}
      {list.length > 0 ? (
        <ScrollTable label="Tags" columns={['Tag key', 'Tag value', 'Operation']}>
          {list.map((t) => (
            <tr key={t.key}>
              <th scope="row">{t.key}</th>
              <td>{t.value}</td>
              <td className="row-actions">
                <button type="button" aria-label={`Edit tag ${t.key}`} onClick={() => setOpen({ mode: 'edit', tag: t })}>
                  Edit
                </button>
                <button type="button" aria-label={`Delete tag ${t.key}`} onClick={() => setOpen({ mode: 'delete', tag: t })}>
                  Delete
                </button>
              </td>
            </tr>
          ))}
        </ScrollTable>
      ) : null}
      {open?.mode === 'delete' ? (
        <ConfirmDialog
          title="Delete Tag"
          confirmLabel="Yes"
          onClose={() => setOpen(null)}
          onConfirm={async () => (await deleteKeyTag(api, keyId, open.tag.key), done(`Tag ${open.tag.key} deleted.`))}
        >
          <p>
            Delete tag <strong>{open.tag.key}</strong> from this key?
          </p>
        </ConfirmDialog>
      ) : open ? (
        <TagDialog tag={open.mode === 'edit' ? open.tag : null} onClose={() => setOpen(null)} save={async (k, v) => (await createKeyTag(api, keyId, k, v), done(`Tag ${k} saved.`))} />
      ) : null}
    </>
  );
}

/** Add Tag, or Edit Tag for an existing tag key (the key stays, the value changes). */
function TagDialog({ tag, onClose, save }: { readonly tag: KmsTag | null; readonly onClose: () => void; readonly save: (key: string, value: string) => Promise<void> }) {
  const [key, setKey] = useState(tag?.key ?? '');
  const [value, setValue] = useState(tag?.value ?? '');
  const ready = key.trim().length > 0 && key.length <= MAX_KEY && value.length <= MAX_VALUE;
  return (
    <ConfirmDialog title={tag ? 'Edit Tag' : 'Add Tag'} onClose={onClose} ready={ready} onConfirm={() => save(key.trim(), value)}>
      <TextField label="Tag key" value={key} onChange={setKey} required disabled={tag !== null} maxLength={MAX_KEY} hint={`Up to ${MAX_KEY} letters, digits, hyphens (-) and underscores (_); one value per tag key.`} />
      <TextField label="Tag value" value={value} onChange={setValue} maxLength={MAX_VALUE} hint={`Optional; up to ${MAX_VALUE} characters.`} />
    </ConfirmDialog>
  );
}
