import { useEffect, useRef, useState } from 'react';
import { describeKey, type KeyDetails } from '../../api/kms';
import { useSignedIn } from '../../session';
import { ErrorNotice } from '../../ui/error-notice';
import { Page } from '../../ui/page';
import { useLoad } from '../../ui/use-load';
import { ImportCreateStep } from './import-create-step';
import { ImportDownloadStep, type DownloadedParameters } from './import-download-step';
import { ImportMaterialStep, type WrappedFiles } from './import-material-step';
import { ImportTokenStep } from './import-token-step';
import { KMS_ROUTES } from './paths';

/** Figure 1-2's four steps. */
const STEPS = ['Create Key', 'Download the Import Items', 'Import Key Material', 'Import Key Token'] as const;

const CRUMBS = [{ label: 'Key Management Service' }, { label: 'Custom keys', to: KMS_ROUTES.list }];

/**
 * Guide 1.3.2, "Importing Key Materials": an empty EXTERNAL key, its wrapping key and import
 * token, then the wrapped material and the token back to KMS. `start` is a key whose import was
 * left unfinished: the wizard resumes at step 2.
 */
export function ImportWizard({ start }: { readonly start?: KeyDetails }) {
  const [keyInfo, setKeyInfo] = useState<KeyDetails | null>(start ?? null);
  const [step, setStep] = useState(start ? 1 : 0);
  const [params, setParams] = useState<DownloadedParameters | null>(null);
  const [files, setFiles] = useState<WrappedFiles | null>(null);
  const stepTitle = useRef<HTMLHeadingElement>(null);
  const first = useRef(true);
  // A new step replaces the button that led to it: focus moves to the step's title, not to the page's top.
  useEffect(() => {
    if (first.current) first.current = false;
    else stepTitle.current?.focus();
  }, [step]);
  return (
    <Page title="Import Key" crumbs={CRUMBS}>
      <ol className="steps" aria-label="Steps">
        {STEPS.map((s, i) => (
          <li key={s} aria-current={i === step ? 'step' : undefined} className={i < step ? 'done' : undefined}>
            {i + 1} {s}
          </li>
        ))}
      </ol>
      <h2 ref={stepTitle} tabIndex={-1}>
        {STEPS[step]}
      </h2>
      {step === 0 ? <ImportCreateStep onCreated={(k) => (setKeyInfo(k), setStep(1))} /> : null}
      {keyInfo && step === 1 ? <ImportDownloadStep keyInfo={keyInfo} params={params} onParams={setParams} onNext={() => setStep(2)} /> : null}
      {keyInfo && step === 2 ? <ImportMaterialStep keyInfo={keyInfo} onBack={() => setStep(1)} onNext={(f) => (setFiles(f), setStep(3))} /> : null}
      {keyInfo && files && step === 3 ? <ImportTokenStep keyInfo={keyInfo} files={files} onBack={() => setStep(2)} /> : null}
    </Page>
  );
}

/** The wizard for a key that waits for its material (its list row's Import Key Material). */
export function ImportInto({ keyId }: { readonly keyId: string }) {
  const { api } = useSignedIn();
  const key = useLoad(() => describeKey(api, keyId), [api, keyId]);
  if (key.data) return <ImportWizard start={key.data} />;
  return (
    <Page title="Import Key" crumbs={CRUMBS}>
      <ErrorNotice error={key.error} />
      {key.loading ? <p aria-busy="true">Loading the key…</p> : null}
    </Page>
  );
}
