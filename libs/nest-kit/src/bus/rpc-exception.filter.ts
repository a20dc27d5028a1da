import { Catch, type ArgumentsHost, type RpcExceptionFilter } from '@nestjs/common';
import type { NatsContext } from '@nestjs/microservices';
import { throwError, type Observable } from 'rxjs';
import type { Logger } from 'pino';
import { DewError, INTERNAL_ERROR_CODE, type ErrorBody, type ErrorFamily } from '@dew/contracts';
import { readContext } from '@dew/messaging';

/**
 * The one place a service's failure becomes the bus's error body: a DewError as it is, anything
 * else as the family's own internal error without details (the detail goes to the log only).
 */
@Catch()
export class DewRpcExceptionFilter implements RpcExceptionFilter<unknown> {
  constructor(
    private readonly family: ErrorFamily,
    private readonly log: Pick<Logger, 'error'>,
  ) {}

  catch(exception: unknown, host: ArgumentsHost): Observable<ErrorBody> {
    if (exception instanceof DewError) return throwError(() => exception.toBody());
    const rpc = host.switchToRpc();
    const subject = rpc.getContext<NatsContext>().getSubject();
    const { requestId } = readContext(rpc.getContext<NatsContext>().getHeaders());
    this.log.error({ err: exception, subject, requestId }, 'request failed with an internal fault');
    return throwError(() => ({ code: INTERNAL_ERROR_CODE[this.family], status: 500, message: `internal error (request ${requestId})` }) satisfies ErrorBody);
  }
}
