/**
 * A decider (docs/architecture.md, "Domain code"): the whole behaviour of one aggregate as three
 * pure values. `decide` answers a command with the events it causes or throws a refusal; `evolve`
 * applies one event; the state is the left fold of `evolve` over the aggregate's events from
 * `initialState`. No clock, ids or randomness inside: commands carry them.
 */
export interface Decider<Command, Event, State> {
  readonly initialState: State;
  readonly evolve: (state: State, event: Event) => State;
  readonly decide: (state: State, command: Command) => readonly Event[];
}

/** The state after `events`, from the decider's initial state (or from `from`). */
export function foldEvents<Command, Event, State>(
  decider: Decider<Command, Event, State>,
  events: readonly Event[],
  from: State = decider.initialState,
): State {
  return events.reduce(decider.evolve, from);
}

/**
 * The one time representation of every domain: milliseconds since the Unix epoch (UTC). Commands
 * carry `now`, events `at`; views render it as the wire wants (ISO 8601 for IAM, epoch ms for KMS).
 */
export type Instant = number;

/** The `never` check that ends every switch over a union: a new member fails to compile here. */
export function assertNever(value: never): never {
  throw new Error(`unexpected value ${JSON.stringify(value)}`);
}
