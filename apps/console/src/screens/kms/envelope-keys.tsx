import { listKeys } from '../../api/kms';
import type { Api } from '../../session';
import { SelectField } from '../../ui/field';
import { useLoad } from '../../ui/use-load';
import { isDefaultKey, isEnabled } from './key-format';

/**
 * The KMS keys a service may seal data under (a secret's value, a hosted private key): enabled
 * symmetric ENCRYPT_DECRYPT user keys. The list is a convenience: its failure leaves the default.
 */
export function useEnvelopeKeys(api: Api) {
  return useLoad(async () => (await listKeys(api)).key_details.filter((k) => !isDefaultKey(k) && isEnabled(k) && k.key_usage === 'ENCRYPT_DECRYPT' && !k.key_spec.startsWith('RSA') && k.key_spec !== 'SM2'), [api]);
}

/** A select of the service's default key (value '') and the envelope keys. */
export function EnvelopeKeyField({ api, label, defaultName, value, onChange }: { readonly api: Api; readonly label: string; readonly defaultName: string; readonly value: string; readonly onChange: (keyId: string) => void }) {
  const keys = useEnvelopeKeys(api);
  return <SelectField label={label} value={value} onChange={onChange} options={[{ value: '', label: defaultName }, ...(keys.data ?? []).map((k) => ({ value: k.key_id, label: k.key_alias || k.key_id }))]} />;
}
