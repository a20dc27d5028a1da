import { foldEvents, type Decider } from '@dew/decider';

/** What a refusal is expected to be: its stable code, and where it matters its status and wording. */
export interface ExpectedRefusal {
  readonly code?: string;
  readonly status?: number;
  readonly message?: string | RegExp;
}

export interface DeciderThen<Event, State> {
  /** The command succeeds with exactly these events (none: it changes nothing). */
  then(expected: readonly Event[]): void;
  /** The command succeeds; `check` sees its events and the state they lead to. */
  thenSucceeds(check: (events: readonly Event[], state: State) => void): void;
  /** The command is refused as described; the refusal is returned for further checks. */
  thenRefuses(expected: ExpectedRefusal): Error;
}

export interface DeciderGiven<Command, Event, State> {
  when(command: Command): DeciderThen<Event, State>;
}

/**
 * Given/when/then over a decider (docs/architecture.md, "Domain code"): given past events, when a
 * command, then new events or a refusal. Every domain spec states its cases this way, so a spec
 * reads as the rule it checks and never reaches into how the state is built.
 *
 *   const given = DeciderSpecification.for(keyringDecider);
 *   given([keyCreated]).when({ type: 'DisableKey', keyId, now }).then([{ type: 'KeyDisabled', keyId, at: now }]);
 */
export const DeciderSpecification = {
  for<Command, Event, State>(decider: Decider<Command, Event, State>) {
    return (givenEvents: readonly Event[] = []): DeciderGiven<Command, Event, State> => ({
      when(command: Command): DeciderThen<Event, State> {
        const run = () => decider.decide(foldEvents(decider, givenEvents), command);
        return {
          then(expected) {
            expect(run()).toEqual(expected);
          },
          thenSucceeds(check) {
            const state = foldEvents(decider, givenEvents);
            const events = decider.decide(state, command);
            check(events, foldEvents(decider, events, state));
          },
          thenRefuses(expected) {
            let refusal: unknown;
            try {
              const events = run();
              throw new Error(`expected a refusal, got events ${JSON.stringify(events)}`);
            } catch (err) {
              refusal = err;
            }
            if (refusal instanceof Error && refusal.message.startsWith('expected a refusal')) throw refusal;
            const { message, ...rest } = expected;
            expect(refusal).toMatchObject(rest);
            if (message !== undefined) {
              expect((refusal as Error).message).toEqual(typeof message === 'string' ? expect.stringContaining(message) : expect.stringMatching(message));
            }
            return refusal as Error;
          },
        };
      },
    });
  },
};
