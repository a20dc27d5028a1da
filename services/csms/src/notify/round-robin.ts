/**
 * Runs the items of several queues with at most `concurrency` in flight, taking the queues in
 * turn (round-robin) and never two items of one queue at once, so one slow queue holds at most one
 * slot. Resolves when every item has run; the first failure is rethrown after the rest have run.
 */
export async function roundRobin<T>(queues: ReadonlyArray<readonly T[]>, concurrency: number, run: (item: T) => Promise<void>): Promise<void> {
  const turn = queues.filter((q) => q.length > 0).map((q) => [...q]);
  const failures: unknown[] = [];
  let inFlight = 0;
  await new Promise<void>((done) => {
    const next = (): void => {
      while (inFlight < concurrency && turn.length > 0) {
        const queue = turn.shift() as T[];
        const item = queue.shift() as T;
        inFlight += 1;
        run(item)
          .catch((err: unknown) => void failures.push(err))
          .finally(() => {
            inFlight -= 1;
            if (queue.length > 0) turn.push(queue);
            next();
          });
      }
      if (inFlight === 0 && turn.length === 0) done();
    };
    next();
  });
  if (failures.length > 0) throw failures[0];
}
