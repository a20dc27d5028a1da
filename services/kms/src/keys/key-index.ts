import { Injectable } from '@nestjs/common';
import { EntryIndex } from '@dew/event-sourcing';
import type { KeyringEvent } from '@dew/kms-domain';
import { ReadModels } from '@dew/nest-kit';
import { kmsKeyIndex } from '@dew/read-models';
import { Keyrings } from './keyrings.js';

/**
 * key id → owning project, for every key of every project (docs/architecture.md, "Authorization"): a
 * grantee in another project or domain names a key that is not in its own keyring.
 */
@Injectable()
export class KeyIndex {
  readonly #index = new EntryIndex<{ projectId: string }>();

  constructor(keyrings: Keyrings, models: ReadModels) {
    keyrings.store.onApply((subject, events, _state, { streamSequence }) => {
      for (const [keyId, doc] of kmsKeyIndex.entries(subject, events as readonly KeyringEvent[])) this.#index.set(keyId, streamSequence, doc);
    });
    models.add(this.#index.view(kmsKeyIndex.name, kmsKeyIndex.stream, (seq) => keyrings.store.appliedThrough(seq)));
  }

  projectOf(keyId: string): string | undefined {
    return this.#index.get(keyId)?.projectId;
  }
}
