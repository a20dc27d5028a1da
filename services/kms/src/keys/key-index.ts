import { Injectable } from '@nestjs/common';
import type { KeyringEvent } from '@dew/kms-domain';
import { Keyrings } from './keyrings.js';

const KEYRING_SUBJECT = /^evt\.kms\.([^.]+)\.keyring$/;

/**
 * key id → owning project, for every key of every project (ARCHITECTURE.md "Authorization"): a
 * grantee in another project or domain names a key that is not in its own keyring.
 */
@Injectable()
export class KeyIndex {
  readonly #projectOf = new Map<string, string>();

  constructor(keyrings: Keyrings) {
    keyrings.store.onApply((subject, events) => {
      const projectId = KEYRING_SUBJECT.exec(subject)?.[1];
      if (!projectId) return;
      for (const event of events as readonly KeyringEvent[]) {
        if (event.type === 'KeyCreated') this.#projectOf.set(event.keyId, projectId);
      }
    });
  }

  projectOf(keyId: string): string | undefined {
    return this.#projectOf.get(keyId);
  }
}
