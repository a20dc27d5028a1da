import { Injectable } from '@nestjs/common';
import { cutOf, digestDoc, VersionHistory } from '@dew/event-sourcing';
import type { AccountEvent, AccountState, Directory } from '@dew/iam-domain';
import { streams, subjects, type RequestContext } from '@dew/messaging';
import { StreamAggregateDeps, StreamAggregates } from '@dew/nest-kit';
import { iamAccounts, iamDirectory } from '@dew/read-models';

/**
 * Every account (domain) in memory from EVT_IAM, plus the cross-domain directory the gateway's
 * per-request lookups need (access key → domain, project → domain).
 */
@Injectable()
export class Accounts extends StreamAggregates<AccountState, AccountEvent> {
  #directory: Directory = iamDirectory.initial();
  readonly #directoryHistory = new VersionHistory<Directory>();

  constructor(deps: StreamAggregateDeps) {
    super(deps, iamAccounts, streams.iamEvents.subjects);
    this.store.onApply((_subject, events, _state, { streamSequence }) => {
      const before = this.#directory;
      for (const event of events) this.#directory = iamDirectory.evolve(this.#directory, event);
      if (this.#directory !== before) this.#directoryHistory.record(streamSequence, this.#directory);
    });
    deps.models.add({
      name: iamDirectory.name,
      appliedThrough: (cut) => this.store.appliedThrough(cutOf(cut, iamDirectory.stream)),
      at: (cut) => {
        const v = this.#directoryHistory.at(cutOf(cut, iamDirectory.stream));
        if (v.status === 'present') return { docs: iamDirectory.docs(v.value).map(([id, doc]) => digestDoc(id, v.seq, doc)), unavailable: [] };
        return { docs: [], unavailable: v.status === 'unavailable' ? iamDirectory.docs(this.#directory).map(([id]) => id) : [] };
      },
    });
  }

  get directory(): Directory {
    return this.#directory;
  }

  of(domainId: string): AccountState {
    return this.store.get(subjects.iamAccount(domainId)).state;
  }

  execute(ctx: RequestContext, domainId: string, decide: (state: AccountState) => readonly AccountEvent[]) {
    return this.run(ctx, subjects.iamAccount(domainId), decide);
  }
}
