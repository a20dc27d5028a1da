/**
 * After this long a stop that has not finished exits anyway (a drain stuck on an unreachable NATS
 * server): below Kubernetes' default 30 s grace, above the transport's grace for held requests.
 */
export const STOP_DEADLINE_MS = 20_000;

/** `close` at most once, however many callers (a signal, then the runner's end of stdin) ask. */
export function once(close: () => Promise<void>): () => Promise<void> {
  let closing: Promise<void> | undefined;
  return () => (closing ??= close());
}

/**
 * SIGTERM and SIGINT stop the service through `close`: the application's own close, which closes
 * the bus transport first (no new request; the requests in hand answered: bus/nats-transport.ts
 * `close`) and only then runs the lifecycle hooks that stop the aggregate stores and drain the
 * connections. Nest's `enableShutdownHooks` ran the destroy hooks first (the stores stopped under
 * requests still being worked on, while new ones kept arriving) and closed the transport after.
 */
export function stopOnSignals(close: () => Promise<void>, signals: readonly NodeJS.Signals[] = ['SIGTERM', 'SIGINT'], deadlineMs = STOP_DEADLINE_MS): void {
  let stopping = false;
  const stop = (signal: NodeJS.Signals): void => {
    if (stopping) return;
    stopping = true;
    exitAfter(close, deadlineMs, `stopping on ${signal}`);
  };
  for (const signal of signals) process.once(signal, stop);
}

/** Runs `close`, then exits 0, or 1 when it fails or is not done within `deadlineMs` (saying which, as `what`). */
export function exitAfter(close: () => Promise<void>, deadlineMs: number, what: string): void {
  const deadline = setTimeout(() => {
    process.stderr.write(`${what} took more than ${deadlineMs} ms: exiting\n`);
    process.exit(1);
  }, deadlineMs).unref();
  void close().then(
    () => {
      clearTimeout(deadline);
      process.exit(0);
    },
    (err: unknown) => {
      clearTimeout(deadline);
      process.stderr.write(`${what} failed: ${String((err as Error)?.message ?? err)}\n`);
      process.exit(1);
    },
  );
}
