/** Registers a part that is running, and how to stop it; returns the part. */
export type Started = <P>(part: P, stop: (part: P) => Promise<unknown> | unknown) => P;

/**
 * Builds a fixture out of parts that run (servers, child processes). If building fails half-way,
 * the parts already started are stopped, newest first, before the failure is rethrown: a
 * `beforeAll` that throws gets no fixture to stop in its `afterAll`, and a child process left
 * running keeps Jest from ever exiting (the whole run then hangs until CI kills it).
 */
export async function startAll<T>(build: (started: Started) => Promise<T>): Promise<T> {
  const stops: (() => Promise<unknown> | unknown)[] = [];
  const started: Started = (part, stop) => {
    stops.push(() => stop(part));
    return part;
  };
  try {
    return await build(started);
  } catch (err) {
    for (const stop of stops.reverse()) await Promise.resolve().then(stop).catch(() => undefined);
    throw err;
  }
}
