import { Injectable } from '@nestjs/common';
import { decide, type HsmSet, type HsmSetCommand, type HsmSetEvent } from '@dew/hsm-domain';
import { streams, subjects, type RequestContext } from '@dew/messaging';
import { StreamAggregateDeps, StreamAggregates } from '@dew/nest-kit';
import { hsmInstanceSets } from '@dew/read-models';

/**
 * Every project's Dedicated HSM instance set in memory from EVT_HSM: names, the quota and the
 * subnets' addresses of one project are guarded by one expected-sequence append (docs/hsm.md).
 */
@Injectable()
export class HsmInstanceSets extends StreamAggregates<HsmSet, HsmSetEvent> {
  constructor(deps: StreamAggregateDeps) {
    super(deps, hsmInstanceSets, streams.hsmEvents.subjects);
  }

  of(projectId: string): HsmSet {
    return this.store.get(subjects.hsmInstances(projectId)).state;
  }

  /** The loopback ranges every other project's subnets hold. */
  prefixesOutside(projectId: string): Set<string> {
    const prefixes = new Set<string>();
    for (const set of this.all()) if (set.projectId !== projectId) for (const subnet of set.subnets.values()) prefixes.add(subnet.prefix);
    return prefixes;
  }

  execute(ctx: RequestContext, command: HsmSetCommand, projectId = ctx.projectId): Promise<{ state: HsmSet; events: readonly HsmSetEvent[] }> {
    return this.run(ctx, subjects.hsmInstances(projectId), (s) => decide(s, command));
  }
}
