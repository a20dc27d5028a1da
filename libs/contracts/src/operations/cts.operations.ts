import type { ListTracesReply } from '../cts/replies.js';
import { ListTracesRequest } from '../cts/requests.js';
import { operationsOf } from './operation.js';

const op = operationsOf('audit', 'cts', 'cts', true);

/** CTS trace queries, answered by the audit service (docs/cts-traces.md). */
export const ctsOperations = {
  listTraces: op<ListTracesRequest, ListTracesReply>('list-traces', {
    http: { method: 'GET', paths: ['/v3/:project_id/traces'] },
    permission: { action: 'cts:trace:list', resource: 'trace' },
    dto: ListTracesRequest,
  }),
} as const;
