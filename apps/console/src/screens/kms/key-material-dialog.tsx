import type { KeyDetails } from '../../api/kms';
import { deleteImportedKeyMaterial } from '../../api/kms-key-manage';
import { useSignedIn } from '../../session';
import { ConfirmDialog } from '../../ui/confirm-dialog';

/** Guide 1.3.3, Delete Key Material: OK, then "Key material deleted successfully"; the key becomes Pending import. */
export function DeleteMaterialDialog({ keyInfo, onClose, onDone }: { readonly keyInfo: KeyDetails; readonly onClose: () => void; readonly onDone: (message: string) => void }) {
  const { api } = useSignedIn();
  const name = keyInfo.key_alias || keyInfo.key_id;
  return (
    <ConfirmDialog title="Delete Key Material" onClose={onClose} onConfirm={async () => (await deleteImportedKeyMaterial(api, keyInfo.key_id), onDone('Key material deleted successfully.'))}>
      <p>
        Delete the key material of <strong>{name}</strong>? The key becomes unavailable and its status changes to Pending import. Data encrypted under it cannot be decrypted until the
        same material is imported again.
      </p>
    </ConfirmDialog>
  );
}
