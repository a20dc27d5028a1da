/**
 * SIGTERM and SIGINT stop the service through `close` — the application's own close, which ends
 * the bus subscriptions first and answers the requests in hand before the lifecycle hooks drain
 * the connection (bus/nats-transport.ts `close`). Nest's `enableShutdownHooks` runs the hooks
 * first and closes the transport last, so the connection was drained under requests still being
 * worked on and their answers were never sent.
 */
export function stopOnSignals(close: () => Promise<void>, signals: readonly NodeJS.Signals[] = ['SIGTERM', 'SIGINT']): void {
  let stopping = false;
  const stop = (signal: NodeJS.Signals): void => {
    if (stopping) return;
    stopping = true;
    void close().then(
      () => process.exit(0),
      (err: unknown) => {
        process.stderr.write(`stopping on ${signal} failed: ${String((err as Error)?.message ?? err)}\n`);
        process.exit(1);
      },
    );
  };
  for (const signal of signals) process.once(signal, stop);
}
