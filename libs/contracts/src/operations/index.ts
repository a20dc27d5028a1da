import { csmsOperations } from './csms.operations.js';
import { ctsOperations } from './cts.operations.js';
import { iamOperations } from './iam.operations.js';
import { kmsOperations } from './kms.operations.js';
import { kpsOperations } from './kps.operations.js';
import { dhsmApplianceOperations, dhsmOperations } from './dhsm.operations.js';
import type { EventTrace, Operation, ServiceName } from './operation.js';

export * from './operation.js';
export * from './bus-replies.js';
export * from './header-fields.js';
export { csmsOperations, ctsOperations, dhsmApplianceOperations, dhsmOperations, iamOperations, kmsOperations, kpsOperations };

/** The operation table (docs/architecture.md, "Operations"): every row, in route-table order. */
export const OPERATIONS: readonly Operation[] = [
  ...Object.values(kmsOperations),
  ...Object.values(csmsOperations),
  ...Object.values(kpsOperations),
  ...Object.values(dhsmOperations),
  ...Object.values(dhsmApplianceOperations),
  ...Object.values(ctsOperations),
  ...Object.values(iamOperations),
];

/** The rows a service answers on the bus (those it serves already). */
export const operationsAnsweredBy = (service: ServiceName): readonly Operation[] =>
  OPERATIONS.filter((o) => o.service === service && o.pattern !== undefined && o.served);

/** The subjects a caller may send requests to (its NATS publish permissions). */
export const patternsCallableBy = (caller: string): readonly string[] =>
  OPERATIONS.filter((o) => o.pattern !== undefined && (o.callers as readonly string[]).includes(caller)).map((o) => o.pattern as string);

const BY_PATTERN = new Map(OPERATIONS.filter((o) => o.pattern).map((o) => [o.pattern as string, o]));

/** The row of a request subject, if it is one. */
export const operationOf = (pattern: string): Operation | undefined => BY_PATTERN.get(pattern);

/**
 * Every event type with the trace it becomes (derived from the rows' `trace.events`). Rows that
 * append the same event agree on its trace (checked by operations.unit.spec.ts).
 */
export function eventTraces(): ReadonlyMap<string, EventTrace> {
  const traces = new Map<string, EventTrace>();
  for (const o of OPERATIONS) {
    for (const [event, t] of Object.entries(o.trace?.events ?? {})) {
      const trace = typeof t === 'string' ? { name: t, resourceType: o.trace?.resourceType ?? o.service } : t;
      const known = traces.get(event);
      if (known && (known.name !== trace.name || known.resourceType !== trace.resourceType)) {
        throw new Error(`event ${event} is traced as ${known.name}/${known.resourceType} by one operation and ${trace.name}/${trace.resourceType} by ${o.name}`);
      }
      traces.set(event, trace);
    }
  }
  return traces;
}
