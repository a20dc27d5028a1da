import type { Operation } from '@dew/contracts';

/** Reflect-metadata key under which `@Handles(row)` records its row on the handler method. */
export const OPERATION_ROW = 'dew:operation-row';

/** The row a handler method answers, if it is one (system subjects have none). */
export function operationOfHandler(handler: object): Operation | undefined {
  return Reflect.getMetadata(OPERATION_ROW, handler) as Operation | undefined;
}
