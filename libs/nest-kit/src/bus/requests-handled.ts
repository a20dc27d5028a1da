/**
 * Requests this process has answered (its bus rows; the gateway its HTTP requests), reported in
 * its health so cluster mode can show how requests spread over replicas (docs/architecture.md,
 * "Cluster mode"). Per process, from its start: a restarted replica counts from 0 again.
 */
let handled = 0;

export function countRequestHandled(): void {
  handled += 1;
}

export function requestsHandled(): number {
  return handled;
}
