import { Injectable } from '@nestjs/common';
import { csmsOperations, kpsOperations, NoServiceAnswers, type KeyDependent } from '@dew/contracts';
import type { RequestContext } from '@dew/messaging';
import { Bus } from '@dew/nest-kit';

/** A resource a key protects (declared with the `<service>.key-dependents` rows). */
export type Dependent = KeyDependent;

/** The rows of services whose resources are protected by KMS keys (`<service>.key-dependents`). */
const DEPENDENTS_ROWS = [csmsOperations.keyDependents, kpsOperations.keyDependents] as const;
const DEPENDENTS_TIMEOUT_MS = 5000;

/** What other services protect with a key, for the deletion-risk report (K16). */
@Injectable()
export class DependentResources {
  constructor(private readonly bus: Bus) {}

  async of(keyId: string, ctx: RequestContext): Promise<readonly Dependent[]> {
    return (await Promise.all(DEPENDENTS_ROWS.map((row) => this.#in(row, keyId, ctx)))).flat();
  }

  /**
   * A service that is not deployed (nothing subscribes to its subject) has no dependents; any other
   * failure — a 503 because it is busy or its store is not answering — fails the report rather
   * than say "no dependents" of a key that has some.
   */
  async #in(row: (typeof DEPENDENTS_ROWS)[number], keyId: string, ctx: RequestContext): Promise<readonly Dependent[]> {
    try {
      const reply = await this.bus.call(row, { key_id: keyId }, ctx, { timeoutMs: DEPENDENTS_TIMEOUT_MS });
      return reply.dependents;
    } catch (err) {
      if (err instanceof NoServiceAnswers) return [];
      throw err;
    }
  }
}
