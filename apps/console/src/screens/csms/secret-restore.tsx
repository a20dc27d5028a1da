import { useState } from 'react';
import { restoreSecret } from '../../api/csms';
import { useSignedIn } from '../../session';
import { ConfirmDialog } from '../../ui/confirm-dialog';
import { FileField } from '../../ui/file-field';

/** Restores a deleted secret from a file that Download Backup saved (the name must be free again). */
export function RestoreSecretDialog({ onClose, onDone }: { readonly onClose: () => void; readonly onDone: (message: string) => void }) {
  const { api } = useSignedIn();
  const [blob, setBlob] = useState('');
  const [fileName, setFileName] = useState('');
  return (
    <ConfirmDialog
      title="Restore Secret"
      ready={blob !== ''}
      onClose={onClose}
      onConfirm={async () => {
        const secret = await restoreSecret(api, blob.trim());
        onDone(`Secret ${secret.name} restored from ${fileName}.`);
      }}
    >
      <p>Choose a backup file saved with Download Backup. A secret of the same name must not exist.</p>
      <FileField label="Backup file" onText={(text, file) => (setBlob(text), setFileName(file))} />
    </ConfirmDialog>
  );
}
