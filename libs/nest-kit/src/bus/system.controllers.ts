import { Controller, type Type } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { subjects } from '@dew/messaging';
import { Clock } from '../clock.js';
import type { ServiceSettings } from '../config.js';
import { HealthDetails } from '../health-details.js';
import { ReadModels } from '../read-models.js';

/**
 * The system subjects every service answers besides its rows (docs/architecture.md, "Streams and
 * subjects"): health and read models always, the test clock only with DEW_TEST_CLOCK=1. Their
 * subjects carry the service's name, so the controllers are made per service.
 */
export function systemControllers(settings: ServiceSettings): Type[] {
  const { service } = settings;

  @Controller()
  class HealthController {
    constructor(
      private readonly clock: Clock,
      private readonly details: HealthDetails,
      private readonly models: ReadModels,
    ) {}

    @MessagePattern(subjects.health(service))
    health() {
      return { service, status: 'ok', now: this.clock.now(), details: this.details.read() };
    }

    @MessagePattern(subjects.models(service))
    readModels(@Payload() body: unknown) {
      return this.models.answer(body);
    }
  }

  @Controller()
  class TestClockController {
    constructor(private readonly clock: Clock) {}

    @MessagePattern(subjects.clockAdvance(service))
    advance(@Payload() body: { ms?: unknown }) {
      return this.clock.advance(Number(body.ms));
    }
  }

  return settings.testClock ? [HealthController, TestClockController] : [HealthController];
}
