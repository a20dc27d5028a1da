import { useState } from 'react';
import { ConfirmDialog } from './confirm-dialog';
import { ErrorNotice, StatusNotice } from './error-notice';
import { TextField } from './field';
import { ScrollTable } from './scroll-table';
import { useLoad } from './use-load';

export interface Tag {
  readonly key: string;
  readonly value: string;
}

/** How one resource's tags are read and changed; `save` adds a tag or replaces the value of a tag key it has. */
export interface TagStore {
  readonly load: () => Promise<readonly Tag[]>;
  readonly save: (key: string, value: string) => Promise<unknown>;
  readonly remove: (key: string) => Promise<unknown>;
  /** What the store belongs to, e.g. "key" or "secret" (the Delete dialog names it). */
  readonly subject: string;
  readonly max: number;
  /** Identifies the resource: the tags reload when it changes. */
  readonly id: string;
}

/** Table 1-11 and Table 2-2's limits. */
const MAX_KEY = 36;
const MAX_VALUE = 43;

type Open = { readonly mode: 'add' } | { readonly mode: 'edit' | 'delete'; readonly tag: Tag };

/** Guide 1.6 and 2.4: a resource's tags; Add Tag, Edit (a new value for the same tag key) and Delete ("Yes"). */
export function TagsPanel({ store }: { readonly store: TagStore }) {
  const tags = useLoad(store.load, [store.id]);
  const [open, setOpen] = useState<Open | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const list = tags.data ?? [];
  const done = (message: string) => (setStatus(message), tags.reload());
  return (
    <>
      <StatusNotice message={status} />
      <ErrorNotice error={tags.error} />
      <div className="actions">
        <button type="button" onClick={() => setOpen({ mode: 'add' })} disabled={!tags.data || list.length >= store.max}>
          Add Tag
        </button>
        <span className="hint">You can add {store.max - list.length} more tags.</span>
      </div>
      {tags.data && list.length === 0 ? <p>No tags yet.</p> : null}
      {list.length > 0 ? (
        <ScrollTable label={`Tags of this ${store.subject}`} columns={['Tag key', 'Tag value', 'Operation']}>
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
        <ConfirmDialog title="Delete Tag" confirmLabel="Yes" onClose={() => setOpen(null)} onConfirm={async () => (await store.remove(open.tag.key), done(`Tag ${open.tag.key} deleted.`))}>
          <p>
            Delete tag <strong>{open.tag.key}</strong> from this {store.subject}?
          </p>
        </ConfirmDialog>
      ) : open ? (
        <TagDialog tag={open.mode === 'edit' ? open.tag : null} onClose={() => setOpen(null)} save={async (k, v) => (await store.save(k, v), done(`Tag ${k} saved.`))} />
      ) : null}
    </>
  );
}

/** Add Tag, or Edit Tag for an existing tag key (the key stays, the value changes). */
function TagDialog({ tag, onClose, save }: { readonly tag: Tag | null; readonly onClose: () => void; readonly save: (key: string, value: string) => Promise<void> }) {
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
