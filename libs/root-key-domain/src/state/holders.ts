/**
 * The services that keep data wrapped by the root key (docs/architecture.md, "Root of trust"):
 * kms, csms and kps their keyring entries, iam its keyring entries and access keys' SKs,
 * hsm-provisioning its sealed files. A version retires once every one of them re-wrapped.
 */
export const ROOT_KEY_HOLDERS = ['kms', 'csms', 'kps', 'iam', 'hsm-provisioning'] as const;
export type RootKeyHolder = (typeof ROOT_KEY_HOLDERS)[number];

export function isRootKeyHolder(name: string): name is RootKeyHolder {
  return (ROOT_KEY_HOLDERS as readonly string[]).includes(name);
}
