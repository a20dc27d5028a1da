import { useState } from 'react';
import type { KeyDetails } from '../../api/kms';
import { updateKeyAlias, updateKeyDescription } from '../../api/kms-key-manage';
import { useSignedIn } from '../../session';
import { ConfirmDialog } from '../../ui/confirm-dialog';
import { TextArea, TextField } from '../../ui/field';

/** Create Key's limits (guide Table 1-1): the alias 1–255 characters, the description at most 255. */
const MAX_ALIAS = 255;
const MAX_DESCRIPTION = 255;

/** Key details' Edit: the alias and the description; only what changed is sent (two calls, as the API has them). */
export function EditKeyDialog({ keyInfo, onClose, onDone }: { readonly keyInfo: KeyDetails; readonly onClose: () => void; readonly onDone: (message: string) => void }) {
  const { api } = useSignedIn();
  const [alias, setAlias] = useState(keyInfo.key_alias);
  const [description, setDescription] = useState(keyInfo.key_description);
  const changed = alias !== keyInfo.key_alias || description !== keyInfo.key_description;
  const ready = changed && alias.trim().length > 0 && alias.length <= MAX_ALIAS && description.length <= MAX_DESCRIPTION;
  const save = async () => {
    if (alias !== keyInfo.key_alias) await updateKeyAlias(api, keyInfo.key_id, alias.trim());
    if (description !== keyInfo.key_description) await updateKeyDescription(api, keyInfo.key_id, description);
    onDone(`Key ${alias.trim()} updated.`);
  };
  return (
    <ConfirmDialog title="Edit Key" ready={ready} onClose={onClose} onConfirm={save}>
      <TextField label="Alias" value={alias} onChange={setAlias} required maxLength={MAX_ALIAS} hint="Letters, digits, colons (:), slashes (/), underscores (_) and hyphens (-); not ending in /default." />
      <TextArea label="Description" value={description} onChange={setDescription} rows={3} hint={`Up to ${MAX_DESCRIPTION} characters.`} />
    </ConfirmDialog>
  );
}
