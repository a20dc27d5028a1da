import { Catch, type ArgumentsHost, type RpcExceptionFilter } from '@nestjs/common';
import type { NatsContext } from '@nestjs/microservices';
import { throwError, type Observable } from 'rxjs';
import type { Logger } from 'pino';
import { DewError, INTERNAL_ERROR_CODE, operationOf, type ErrorBody, type ErrorFamily } from '@dew/contracts';
import { readContext, transientFault, unavailableBody } from '@dew/messaging';
import { storedWritesOf } from './stored-writes.js';

/** A refusal that offers a retry: a 503 whose request was certainly not carried out. */
const isRetryOffer = (e: DewError): boolean => e.status === 503 && e.retryAfterS !== undefined;

/**
 * The one place a service's failure becomes the bus's error body: a DewError as it is, anything
 * fault of the moment (the bus or JetStream not answering: transient-faults.ts) as the family's 503,
 * anything else as the row's (or the service's) family's own internal error without details (the detail goes to the log only).
 */
@Catch()
export class DewRpcExceptionFilter implements RpcExceptionFilter<unknown> {
  constructor(
    private readonly family: ErrorFamily,
    private readonly log: Pick<Logger, 'error' | 'warn'>,
  ) {}

  catch(exception: unknown, host: ArgumentsHost): Observable<ErrorBody> {
    const request = host.switchToRpc().getContext<NatsContext>();
    if (exception instanceof DewError && !(isRetryOffer(exception) && storedWritesOf(request) > 0)) return throwError(() => exception.toBody());
    const subject = request.getSubject();
    const { requestId } = readContext(request.getHeaders());
    const family = operationOf(subject)?.family ?? this.family;
    // A later step's "nothing was done, retry" (a service it asked was busy or down) is not this
    // request's to offer once an earlier step of it was stored: partly done, no retry.
    const seen = exception instanceof DewError ? 'not-done' : transientFault(exception);
    // Nothing done by the failed step, but an earlier step of the request was stored: no retry offered.
    const fault = seen === 'not-done' && storedWritesOf(request) > 0 ? 'partly-done' : seen;
    if (fault) {
      this.log.warn({ err: exception, subject, requestId, outcome: fault }, exception instanceof DewError
        ? 'request failed: a service a later step asked was busy or away, after part of the request was stored (503)'
        : 'request failed: the event store or the bus did not answer (503)');
      return throwError(() => unavailableBody(family, requestId, fault));
    }
    this.log.error({ err: exception, subject, requestId }, 'request failed with an internal fault');
    return throwError(() => ({ code: INTERNAL_ERROR_CODE[family], status: 500, message: `internal error (request ${requestId})` }) satisfies ErrorBody);
  }
}
