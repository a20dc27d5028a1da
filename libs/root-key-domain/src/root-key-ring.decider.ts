import { assertNever, type Decider } from '@dew/decider';
import { decideRewrap, type RootKeyRewrapCommand } from './rewrap/decide.js';
import type { RootKeyRewrapEvent } from './rewrap/events.js';
import { evolveRewrap } from './rewrap/evolve.js';
import { decideRotation, type RootKeyRotationCommand } from './rotation/decide.js';
import type { RootKeyRotationEvent } from './rotation/events.js';
import { evolveRotation } from './rotation/evolve.js';
import { initialRootKeyRing, type RootKeyRing } from './state/ring.js';

/** The root key ring (docs/architecture.md, "Root of trust"): one aggregate, subject `rootkey.events`. */
export type RootKeyRingEvent = RootKeyRotationEvent | RootKeyRewrapEvent;
export type RootKeyRingCommand = RootKeyRotationCommand | RootKeyRewrapCommand;

function evolve(ring: RootKeyRing, e: RootKeyRingEvent): RootKeyRing {
  switch (e.type) {
    case 'RootKeyVersionCreated':
      return evolveRotation(ring, e);
    case 'RootKeyRewrapCompleted':
    case 'RootKeyVersionRetired':
      return evolveRewrap(ring, e);
    default:
      return assertNever(e);
  }
}

function decide(ring: RootKeyRing, c: RootKeyRingCommand): readonly RootKeyRingEvent[] {
  switch (c.type) {
    case 'CreateRootKeyVersion':
      return decideRotation(ring, c);
    case 'CompleteRootKeyRewrap':
      return decideRewrap(ring, c);
    default:
      return assertNever(c);
  }
}

export const rootKeyRingDecider: Decider<RootKeyRingCommand, RootKeyRingEvent, RootKeyRing> = { initialState: initialRootKeyRing, evolve, decide };
