import { assertNever } from '@dew/decider';
import { common, type CmkCommon, type Keyring, type KeyVersion } from '../state/keyring.state.js';
import { updateLive } from '../state/queries.js';
import type { ImportEvent } from './events.js';

export function evolveImport(state: Keyring, event: ImportEvent): Keyring {
  switch (event.type) {
    case 'ImportParametersIssued':
      return updateLive(state, event.keyId, (k) => {
        const issued = k.imported.issuedWrappingKeys;
        if (issued.some((w) => w.wrappingKeyId === event.wrappingKeyId)) return k;
        return {
          ...k,
          imported: {
            ...k.imported,
            issuedWrappingKeys: [...issued, { wrappingKeyId: event.wrappingKeyId, expiresAt: event.expiresAt }],
          },
        };
      });
    case 'ImportParametersSpent':
      return updateLive(state, event.keyId, (k) => ({
        ...k,
        imported: {
          ...k.imported,
          issuedWrappingKeys: k.imported.issuedWrappingKeys.filter((w) => w.wrappingKeyId !== event.wrappingKeyId),
        },
      }));
    case 'KeyMaterialImported':
      return updateLive(state, event.keyId, (k) => {
        const m = event.material;
        const version: KeyVersion =
          m.publicKeyPem === undefined
            ? { version: m.version, wrapped: m.wrapped, createdAt: event.at, owner: m.owner }
            : { version: m.version, wrapped: m.wrapped, publicKeyPem: m.publicKeyPem, createdAt: event.at, owner: m.owner };
        return {
          ...common(k),
          status: 'Enabled',
          versions: [version],
          imported: {
            ...k.imported,
            fingerprint: k.imported.fingerprint ?? event.fingerprint,
            expiresAt: event.expiresAt,
            imports: k.imported.imports + 1,
          },
        };
      });
    case 'KeyMaterialDeleted':
      return updateLive(state, event.keyId, (k) => {
        const base: CmkCommon = { ...common(k), versions: [], imported: { ...k.imported, expiresAt: null } };
        // A key pending deletion stays so; cancelling then returns it to PendingImport.
        return k.status === 'PendingDeletion'
          ? { ...k, ...base, status: 'PendingDeletion', hadMaterial: false }
          : { ...base, status: 'PendingImport' };
      });
    default:
      return assertNever(event);
  }
}
