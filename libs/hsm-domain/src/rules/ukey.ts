/**
 * The shape of a UKey the service issued (docs/hsm.md, "UKey"). The service generates it, so a
 * wrong shape is a fault of the service, not of the caller: it throws a plain error (a 5xx), never
 * a refusal naming the value.
 */
const PUBLIC_PEM = /^-----BEGIN PUBLIC KEY-----\n[A-Za-z0-9+/=\n]{40,200}-----END PUBLIC KEY-----\n?$/;
const FINGERPRINT = /^SHA256:[A-Za-z0-9+/]{43}$/;

export function validateIssuedUkey(ukey: { readonly publicKey: string; readonly fingerprint: string } | undefined): { readonly publicKey: string; readonly fingerprint: string } {
  if (!ukey || !PUBLIC_PEM.test(ukey.publicKey) || !FINGERPRINT.test(ukey.fingerprint)) throw new Error('activation without a well-formed UKey public key and fingerprint');
  return { publicKey: ukey.publicKey, fingerprint: ukey.fingerprint };
}
