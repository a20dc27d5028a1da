import { Injectable } from '@nestjs/common';
import { decide, type KeypairSet, type KeypairSetCommand, type KeypairSetEvent } from '@dew/kps-domain';
import { streams, subjects, type RequestContext } from '@dew/messaging';
import { StreamAggregateDeps, StreamAggregates } from '@dew/nest-kit';
import { kpsKeypairSets } from '@dew/read-models';

/**
 * Every account's key-pair set in memory from EVT_KPS: key pairs, the server inventory and bind
 * tasks of one account on one subject, so names, quotas and bindings are guarded by one
 * expected-sequence append (docs/kps.md, "The aggregate").
 */
@Injectable()
export class KeypairSets extends StreamAggregates<KeypairSet, KeypairSetEvent> {
  constructor(deps: StreamAggregateDeps) {
    super(deps, kpsKeypairSets, streams.kpsEvents.subjects);
  }

  of(ctx: RequestContext): KeypairSet {
    return this.store.get(subjects.kpsKeypairs(ctx.domainId)).state;
  }

  /** The refusal `command` would meet now, before its side effects outside the stream (StreamAggregates.decideWithoutAppending). */
  check(ctx: RequestContext, command: KeypairSetCommand): void {
    this.decideWithoutAppending(subjects.kpsKeypairs(ctx.domainId), (s) => decide(s, command));
  }

  /**
   * Decides one command for the caller's account. `step` tells apart the appends of one request
   * (a batch's items, a task's outcome): the request id and step make each append idempotent.
   */
  async execute(ctx: RequestContext, command: KeypairSetCommand, step?: string): Promise<{ state: KeypairSet; events: readonly KeypairSetEvent[] }> {
    const asStep = step === undefined ? ctx : { ...ctx, requestId: `${ctx.requestId}:${step}` };
    return this.run(asStep, subjects.kpsKeypairs(ctx.domainId), (s) => decide(s, command));
  }
}
