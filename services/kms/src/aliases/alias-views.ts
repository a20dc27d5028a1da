import { KmsInternalFault, type AliasEntity } from '@dew/contracts';
import type { KeyAliasEntry, Keyring } from '@dew/kms-domain';

/** Huawei's time form in alias answers: `2024-04-01T00:00:00Z` (the API page's example). */
const isoSeconds = (ms: number): string => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');

/** The SDK's AliasEntity of one alias; `alias_urn` is `kms:<region>:<domain_id>:alias:<alias>` as Huawei's example. */
export function toAliasEntity(entry: KeyAliasEntry, domainId: string, region: string): AliasEntity {
  return {
    domain_id: domainId,
    key_id: entry.keyId,
    alias: entry.alias,
    alias_urn: `kms:${region}:${domainId}:alias:${entry.alias}`,
    create_time: isoSeconds(entry.createdAt),
    update_time: isoSeconds(entry.updatedAt),
  };
}

/** The alias as the decision left it (the command just created or moved it). */
export function aliasEntityIn(state: Keyring, alias: string, domainId: string, region: string): AliasEntity {
  const entry = state.keyAliases.get(alias);
  if (!entry) throw KmsInternalFault(`alias ${alias} missing after its change`);
  return toAliasEntity(entry, domainId, region);
}
