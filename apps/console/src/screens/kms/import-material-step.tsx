import { useState } from 'react';
import type { KeyDetails } from '../../api/kms';
import { ErrorNotice } from '../../ui/error-notice';
import { FilePicker } from '../../ui/file-picker';
import { useAction } from '../../ui/use-action';
import { bytesToBase64, isAsymmetricImport } from './import-format';

export interface WrappedFiles {
  readonly encryptedKeyMaterial: string;
  readonly encryptedPrivateKey?: string;
}

const base64Of = async (file: File) => bytesToBase64(new Uint8Array(await file.arrayBuffer()));

/** Step 3 (guide 1.3.2 step 11, Tables 1-7 and 1-8): the wrapped files, read in the page, never sent anywhere but KMS. */
export function ImportMaterialStep({ keyInfo, onBack, onNext }: { readonly keyInfo: KeyDetails; readonly onBack: () => void; readonly onNext: (files: WrappedFiles) => void }) {
  const asymmetric = isAsymmetricImport(keyInfo.key_spec);
  const [material, setMaterial] = useState<File | null>(null);
  const [privateKey, setPrivateKey] = useState<File | null>(null);
  const { error, run } = useAction(async () => {
    if (!material || (asymmetric && !privateKey)) return;
    onNext({ encryptedKeyMaterial: await base64Of(material), ...(asymmetric && privateKey ? { encryptedPrivateKey: await base64Of(privateKey) } : {}) });
  });
  return (
    <form onSubmit={run} className="form">
      <p>
        Key ID <code>{keyInfo.key_id}</code>
      </p>
      <FilePicker label={asymmetric ? 'Temporary key material' : 'Key material'} onChange={setMaterial} required hint="EncryptedKeyMaterial.bin, wrapped with the downloaded wrapping key." />
      {asymmetric ? <FilePicker label="Private key ciphertext" onChange={setPrivateKey} required hint="out_rsa_private_key.der (or out_ec_private_key.der): the private key wrapped with the temporary key." /> : null}
      <ErrorNotice error={error} />
      <div className="actions">
        <button type="submit" className="primary" disabled={!material || (asymmetric && !privateKey)}>
          Next
        </button>
        <button type="button" onClick={onBack}>
          Previous
        </button>
      </div>
    </form>
  );
}
