import type { HsmType } from '../state/hsm-set.js';
import { checkedText, oneOf } from './text.js';

/** The fields of a purchase and an activation (guide tables 4-2, 4-3; docs/hsm.md). */

export const HSM_QUOTA = 10;
/** The only edition the guide offers, its algorithms and certification (table 4-2). */
export const EDITION = 'Platinum';
export const EDITION_ALGORITHMS: readonly string[] = ['AES', 'RSA', 'DSA', 'ECDSA', 'DH', 'ECDH', 'SHA1', 'SHA256', 'SHA384'];
export const CERTIFICATION = 'FIPS 140-2 Level 3';
export const HSM_TYPES: readonly HsmType[] = ['Finance', 'Server', 'Signature server'];
export const DURATION_MONTHS = { min: 1, max: 12 } as const;

const LOWER_ID = { pattern: /[a-z0-9-]/, text: 'lowercase letters, digits and hyphens (-)' };
const NAME_CHARS = { pattern: /[A-Za-z0-9_-]/, text: 'letters, digits, underscores (_) and hyphens (-)' };

export const validateRegion = (value: unknown): string => checkedText('region', value, { min: 1, max: 64, char: LOWER_ID });
export const validateAz = (value: unknown): string => checkedText('availability_zone', value, { min: 1, max: 64, char: LOWER_ID });
export const validateInstanceName = (value: unknown): string => checkedText('name', value, { min: 1, max: 64, char: NAME_CHARS });
/** VPC, subnet and security group ids: DEW takes the caller's, of the instance-name characters. */
export const validateNetworkId = (field: string, value: unknown): string => checkedText(field, value, { min: 1, max: 64, char: NAME_CHARS });
/** Free text: a phone number, an e-mail address, a postal address for the UKey. */
export const validateContact = (value: unknown): string => checkedText('contact', value, { min: 1, max: 256 });
export const validateEdition = (value: unknown): typeof EDITION => oneOf('edition', [EDITION], value);
export const validateHsmType = (value: unknown): HsmType => oneOf('hsm_type', HSM_TYPES, value);

/** The name an instance has until it is activated, as the console numbers them (table 4-3 example). */
export function defaultInstanceName(instanceId: string, number: number): string {
  return `DedicatedHSM-${instanceId.slice(0, 4)}-${String(number).padStart(4, '0')}`;
}
