import { useState } from 'react';
import type { KeyDetails } from '../../api/kms';
import { getParametersForImport, type ImportParameters } from '../../api/kms-import';
import { useSignedIn } from '../../session';
import { DownloadLink } from '../../ui/download-link';
import { ErrorNotice } from '../../ui/error-notice';
import { SelectField } from '../../ui/field';
import { useAction } from '../../ui/use-action';
import { base64ToBytes, importFileNames, importReadme, opensslCommands, WRAPPING_ALGORITHMS } from './import-format';
import { formatTime } from './key-format';

export interface DownloadedParameters {
  readonly algorithm: string;
  readonly reply: ImportParameters;
  readonly at: Date;
}

/**
 * Step 2 (guide 1.3.2 steps 9–10): a wrapping algorithm, then the wrapping key (binary DER), the
 * import token and a README to download, and the OpenSSL commands that wrap the material with them.
 */
export function ImportDownloadStep({ keyInfo, params, onParams, onNext }: {
  readonly keyInfo: KeyDetails;
  readonly params: DownloadedParameters | null;
  readonly onParams: (p: DownloadedParameters) => void;
  readonly onNext: () => void;
}) {
  const { api } = useSignedIn();
  const [algorithm, setAlgorithm] = useState<string>(WRAPPING_ALGORITHMS[0]);
  const { busy, error, run } = useAction(async () => {
    onParams({ algorithm, reply: await getParametersForImport(api, keyInfo.key_id, algorithm), at: new Date() });
  });
  return (
    <div className="form wide">
      <p>
        Key <strong>{keyInfo.key_alias}</strong> (<code>{keyInfo.key_id}</code>), {keyInfo.key_spec}, waits for its key material.
      </p>
      <form onSubmit={run}>
        <SelectField
          label="Wrapping algorithm"
          value={algorithm}
          onChange={setAlgorithm}
          options={WRAPPING_ALGORITHMS.map((a) => ({ value: a, label: a }))}
          hint="Choose what your HSM or OpenSSL supports. RSAES_OAEP_SHA_1 is no longer secure: prefer RSAES_OAEP_SHA_256."
        />
        <ErrorNotice error={error} />
        <div className="actions">
          <button type="submit" className={params ? undefined : 'primary'} disabled={busy}>
            {busy ? 'Working…' : params ? 'Get a New Wrapping Key and Token' : 'Get Wrapping Key and Token'}
          </button>
          {params ? null : (
            <button type="button" onClick={onNext}>
              Existing Key Material
            </button>
          )}
        </div>
      </form>
      {params ? <Downloads keyInfo={keyInfo} params={params} onNext={onNext} /> : null}
    </div>
  );
}

function Downloads({ keyInfo, params, onNext }: { readonly keyInfo: KeyDetails; readonly params: DownloadedParameters; readonly onNext: () => void }) {
  const files = importFileNames(keyInfo.key_id, params.at);
  const expiresAt = new Date(params.reply.expiration_time * 1000);
  const commands = opensslCommands(keyInfo.key_spec, params.algorithm, files.wrappingKey);
  return (
    <section aria-labelledby="import-items" className="panel">
      <h3 id="import-items">Import items ({params.algorithm})</h3>
      {params.reply.wrapping_algorithm_warning ? (
        <p role="alert" className="notice error">
          {params.reply.wrapping_algorithm_warning}
        </p>
      ) : null}
      <p>The wrapping key and the import token expire at {formatTime(expiresAt.getTime())} (24 hours); download them again after that.</p>
      <ul className="downloads">
        <li>
          <DownloadLink data={base64ToBytes(params.reply.public_key)} fileName={files.wrappingKey}>
            Download the wrapping key
          </DownloadLink>{' '}
          <code>{files.wrappingKey}</code>
        </li>
        <li>
          <DownloadLink data={params.reply.import_token} fileName={files.importToken}>
            Download the import token
          </DownloadLink>{' '}
          <code>{files.importToken}</code>
        </li>
        <li>
          <DownloadLink data={importReadme({ keyId: keyInfo.key_id, algorithm: params.algorithm, files, expiresAt })} fileName={files.readme}>
            Download the README
          </DownloadLink>
        </li>
      </ul>
      <h3 id="openssl-title">Wrap the key material with OpenSSL</h3>
      <p>Run these where your key material is kept, beside the downloaded wrapping key. The plaintext material never leaves that machine; only EncryptedKeyMaterial.bin is uploaded.</p>
      <pre aria-labelledby="openssl-title" className="commands" tabIndex={0}>
        {commands.join('\n')}
      </pre>
      <div className="actions">
        <button type="button" className="primary" onClick={onNext}>
          Next
        </button>
      </div>
    </section>
  );
}
