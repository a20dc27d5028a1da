import type { Type } from '@nestjs/common';
import { PATTERN_METADATA } from '@nestjs/microservices/constants.js';

type Handler = (...args: unknown[]) => unknown;

export interface ControllerHandler {
  readonly handler: Handler;
  /** The subjects its `@MessagePattern` (and so `@Handles`) registers. */
  readonly patterns: readonly string[];
}

/**
 * Every message-handling method of the controllers, read from Nest's metadata without starting
 * anything: what each service's module spec compares with its rows of the operation table.
 */
export function controllerHandlers(controllers: readonly Type[]): ControllerHandler[] {
  return controllers.flatMap((controller) => {
    const proto = controller.prototype as Record<string, unknown>;
    return Object.getOwnPropertyNames(proto)
      .map((name) => proto[name])
      .filter((method): method is Handler => typeof method === 'function')
      .map((handler) => ({ handler, patterns: ((Reflect.getMetadata(PATTERN_METADATA, handler) as unknown[] | undefined) ?? []).map(String) }))
      .filter((h) => h.patterns.length > 0);
  });
}

/** The subjects the controllers answer, one entry per registration (a subject twice shows twice). */
export const controllerSubjects = (controllers: readonly Type[]): string[] => controllerHandlers(controllers).flatMap((h) => [...h.patterns]);
