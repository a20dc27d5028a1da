import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { dhsmOperations, type HsmInstanceIdRequest, type ReplyOf } from '@dew/contracts';
import { requireInstance } from '@dew/hsm-domain';
import type { RequestContext } from '@dew/messaging';
import { Caller, Clock, Handles } from '@dew/nest-kit';
import { HsmInstanceSets } from '../instances/instance-sets.js';
import { MonitoringSeries } from './monitoring-series.js';

/** GET dew-hsm/instances/{instance_id}/monitoring: the last hour's samples (guide §4.3 step 6). */
@Controller()
export class ShowHsmMonitoringController {
  constructor(private readonly sets: HsmInstanceSets, private readonly series: MonitoringSeries, private readonly clock: Clock) {}

  @Handles(dhsmOperations.showHsmMonitoring)
  show(@Payload() r: HsmInstanceIdRequest, @Caller() ctx: RequestContext): ReplyOf<typeof dhsmOperations.showHsmMonitoring> {
    const instance = requireInstance(this.sets.of(ctx.projectId), r.instance_id);
    return { instance_id: instance.id, series: this.series.seriesOf(instance.id, this.clock.now()) };
  }
}
