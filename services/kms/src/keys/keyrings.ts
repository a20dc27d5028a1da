import { Injectable } from '@nestjs/common';
import { KeyNotFound } from '@dew/contracts';
import { decide, findKey, type Keyring, type KeyringCommand, type KeyringEvent, type LiveCmk } from '@dew/kms-domain';
import { streams, subjects, type RequestContext } from '@dew/messaging';
import { StreamAggregateDeps, StreamAggregates } from '@dew/nest-kit';
import { kmsKeyrings } from '@dew/read-models';

/** Every project's keyring, kept in memory from EVT_KMS; commands go through `execute`. */
@Injectable()
export class Keyrings extends StreamAggregates<Keyring, KeyringEvent> {
  constructor(deps: StreamAggregateDeps) {
    super(deps, kmsKeyrings, streams.kmsEvents.subjects);
  }

  of(projectId: string): Keyring {
    return this.store.get(subjects.kmsKeyring(projectId)).state;
  }

  /** Runs a decision on the caller's project keyring. */
  execute(ctx: RequestContext, decide: (state: Keyring) => readonly KeyringEvent[], projectId = ctx.projectId) {
    return this.run(ctx, subjects.kmsKeyring(projectId), decide);
  }

  /** Runs a command on one key of the caller's project and answers the key as the decision left it. */
  async change(ctx: RequestContext, command: Extract<KeyringCommand, { keyId: string }>): Promise<LiveCmk> {
    const { state } = await this.execute(ctx, (s) => decide(s, command));
    const key = findKey(state, command.keyId);
    if (!key) throw KeyNotFound();
    return key;
  }
}
