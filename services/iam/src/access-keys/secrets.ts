import { randomInt } from 'node:crypto';

const UPPER_ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
const ALNUM = `${UPPER_ALNUM}abcdefghijklmnopqrstuvwxyz`;

function randomString(alphabet: string, length: number): string {
  let out = '';
  for (let i = 0; i < length; i++) out += alphabet[randomInt(alphabet.length)];
  return out;
}

/** docs/api-decisions.md, "Identifiers": access keys are 20 upper-case alphanumerics, secret keys 40 characters. */
export const newAccessKeyId = () => randomString(UPPER_ALNUM, 20);
export const newSecretKey = () => randomString(ALNUM, 40);
/** Domain, project and user ids: 32 lowercase hex characters. */
export const newHexId = () => randomString('0123456789abcdef', 32);

/** The SK is stored only wrapped by the root key, bound to its access key. */
export const secretAad = (accessKey: string) => `access-key:${accessKey}`;
