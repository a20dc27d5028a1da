import type { KeyDetails } from '../../api/kms';
import { createKeyTag, deleteKeyTag, showKeyTags } from '../../api/kms-key-settings';
import { useSignedIn } from '../../session';
import { TagsPanel } from '../../ui/tags-panel';
import { isDefaultKey } from './key-format';

/** Guide 1.6: a key's tags (at most 20, Table 1-11); Add Tag, Edit and Delete. */
export function KeyTags({ keyInfo }: { readonly keyInfo: KeyDetails }) {
  const { api } = useSignedIn();
  const keyId = keyInfo.key_id;
  if (isDefaultKey(keyInfo)) return <p className="hint">Tags cannot be added to default master keys.</p>;
  return (
    <TagsPanel
      store={{
        id: keyId,
        subject: 'key',
        max: 20,
        load: () => showKeyTags(api, keyId),
        save: (k, v) => createKeyTag(api, keyId, k, v),
        remove: (k) => deleteKeyTag(api, keyId, k),
      }}
    />
  );
}
