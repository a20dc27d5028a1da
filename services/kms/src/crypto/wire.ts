import { base64Field, InvalidAdditionalData, NotHex } from '@dew/contracts';

const AAD_MAX_BYTES = 128;
const HEX = /^(?:[0-9a-fA-F]{2})*$/;

/** additional_authenticated_data is any string up to 128 bytes. */
export function aadBytes(aad: string | undefined): Buffer {
  const bytes = Buffer.from(aad ?? '', 'utf8');
  if (bytes.length > AAD_MAX_BYTES) {
    throw InvalidAdditionalData(`additional_authenticated_data must be at most ${AAD_MAX_BYTES} bytes, got ${bytes.length}`);
  }
  return bytes;
}

export const fromBase64 = (field: string, text: string): Buffer => base64Field(field, text, 'KMS.0308');

export function fromHex(field: string, text: string, code: 'KMS.0308' | 'KMS.2101' | 'KMS.2201' = 'KMS.0308'): Buffer {
  if (!HEX.test(text)) throw NotHex(field, text.length, code);
  return Buffer.from(text, 'hex');
}

export const toHex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex').toUpperCase();
