import { downloadUkey, hsmCaCertificate, type HsmDetail } from '../../api/dhsm';
import { useSignedIn } from '../../session';
import { ErrorNotice } from '../../ui/error-notice';
import { saveFile } from '../../ui/save-file';
import { useAction } from '../../ui/use-action';

const PEM = 'application/x-pem-file';
const base = (i: HsmDetail) => i.name || i.id;
export const ukeyFileName = (i: HsmDetail) => `${base(i)}-ukey.pem`;
export const caFileName = (i: HsmDetail) => `${base(i)}-ca.pem`;

/**
 * The instance's files: the UKey (the administrator's private key, which DEW hands out once:
 * docs/hsm.md, "UKey") and the instance CA certificate applications trust its address through.
 * Each goes from the answer straight into a file; the page keeps neither.
 */
export function HsmFiles({ instance, onDone }: { readonly instance: HsmDetail; readonly onDone: (message: string) => void }) {
  const { api } = useSignedIn();
  const ukey = useAction(async () => {
    saveFile(ukeyFileName(instance), (await downloadUkey(api, instance.id)).private_key, PEM);
    onDone(`The UKey of ${base(instance)} was downloaded as ${ukeyFileName(instance)}. DEW keeps no other copy.`);
  });
  const ca = useAction(async () => {
    saveFile(caFileName(instance), (await hsmCaCertificate(api, instance.id)).ca_certificate, PEM);
    onDone(`The CA certificate of ${base(instance)} was downloaded as ${caFileName(instance)}.`);
  });
  const canUkey = instance.ukey_fingerprint !== null && !instance.ukey_downloaded;
  return (
    <section className="panel" aria-labelledby="hsm-files-title">
      <h2 id="hsm-files-title">UKey and certificate</h2>
      <p>The UKey can be downloaded once: keep it safe, it is the only way to initialise and administer the instance.</p>
      <div className="actions">
        <button type="button" onClick={() => void ukey.run()} disabled={!canUkey || ukey.busy}>
          {instance.ukey_downloaded ? 'UKey downloaded' : 'Download UKey'}
        </button>
        <button type="button" onClick={() => void ca.run()} disabled={instance.status !== 'Running' || ca.busy}>
          Download CA Certificate
        </button>
      </div>
      <ErrorNotice error={ukey.error ?? ca.error} />
    </section>
  );
}
