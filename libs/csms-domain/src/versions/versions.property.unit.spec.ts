import fc from 'fast-check';
import { DewError } from '@dew/contracts';
import { T0, created, stateAfter } from '../fixtures.spec.js';
import { decide, evolve, type SecretCommand } from '../secret-set.decider.js';
import { findSecretByName } from '../state/queries.js';
import type { Secret, SecretSet } from '../state/secret-set.js';
import { STAGES_MAX, SYSCURRENT, SYSPREVIOUS, VERSIONS_MAX, stageHolder } from '../state/stages.js';

/** Version and stage invariants under any sequence of version and stage commands. */

const POOL = ['SYSCURRENT', 'SYSPREVIOUS', 'a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j', 'k', 'l'];
const EXPECTED_REFUSALS = new Set(['CSMS.0002', 'CSMS.0005', 'CSMS.0105', 'CSMS.1003']);

const stageName = fc.constantFrom(...POOL);
const command: fc.Arbitrary<(now: number) => SecretCommand> = fc.oneof(
  { weight: 4, arbitrary: fc.option(fc.uniqueArray(stageName, { minLength: 1, maxLength: 4 }), { nil: undefined }).map(
    (stages) => (now: number): SecretCommand => ({
      type: 'AddSecretVersion',
      name: 'app',
      value: { kmsKeyId: 'k', sealed: `s${now}` },
      ...(stages ? { stages } : {}),
      now,
    }),
  ) },
  { weight: 3, arbitrary: fc.tuple(stageName, fc.integer({ min: 1, max: 40 })).map(
    ([stage, n]) => (now: number): SecretCommand => ({ type: 'UpdateStage', name: 'app', stage, versionId: `v${n}`, now }),
  ) },
  { weight: 1, arbitrary: stageName.map((stage) => (now: number): SecretCommand => ({ type: 'DeleteStage', name: 'app', stage, now })) },
);

function secretOf(state: SecretSet): Secret {
  const s = findSecretByName(state, 'app');
  if (!s) throw new Error('secret app vanished');
  return s;
}

function checkInvariants(s: Secret): void {
  const ids = new Set(s.versions.map((v) => v.id));
  expect(ids.size).toBe(s.versions.length);
  for (const [stage, versionId] of Object.entries(s.stages)) {
    expect([stage, ids.has(versionId)]).toEqual([stage, true]);
  }
  expect(stageHolder(s.stages, SYSCURRENT)).toBeDefined();
  expect(s.versions.length).toBeLessThanOrEqual(VERSIONS_MAX);
  expect(Object.keys(s.stages).length).toBeLessThanOrEqual(STAGES_MAX);
  const numbers = s.versions.map((v) => Number(v.id.slice(1)));
  expect(numbers).toEqual([...numbers].sort((a, b) => a - b));
  expect(Math.max(...numbers)).toBeLessThanOrEqual(s.lastVersionNumber);
}

describe('version and stage invariants (property)', () => {
  it('every stage names one existing version, SYSCURRENT exists, ≤20 versions, ≤12 stages, SYSPREVIOUS follows SYSCURRENT', () => {
    fc.assert(
      fc.property(fc.array(command, { minLength: 1, maxLength: 60 }), (commands) => {
        let state = stateAfter([created(1, 'app')]);
        commands.forEach((make, i) => {
          const before = secretOf(state);
          const cmd = make(T0 + i + 1);
          let events;
          try {
            events = decide(state, cmd);
          } catch (e) {
            if (!(e instanceof DewError)) throw e;
            expect(EXPECTED_REFUSALS.has(e.code)).toBe(true);
            return;
          }
          state = events.reduce<SecretSet>((s, e) => evolve(s, e), state);
          const after = secretOf(state);
          checkInvariants(after);
          const was = stageHolder(before.stages, SYSCURRENT);
          const is = stageHolder(after.stages, SYSCURRENT);
          if (was !== is) expect(stageHolder(after.stages, SYSPREVIOUS)).toBe(was);
          if (cmd.type === 'AddSecretVersion' && events.length > 0) {
            const added = after.versions.at(-1);
            expect(added?.id).toBe(`v${before.lastVersionNumber + 1}`);
            const wanted = cmd.stages ?? [SYSCURRENT];
            for (const st of wanted) expect(stageHolder(after.stages, st)).toBe(added?.id);
            // versions only go when the limit forces it, and never a staged one
            const gone = before.versions.filter((v) => !after.versions.some((w) => w.id === v.id));
            expect(gone.length).toBe(before.versions.length === VERSIONS_MAX ? 1 : 0);
            for (const v of gone) expect(Object.values(after.stages)).not.toContain(v.id);
          }
        });
        checkInvariants(secretOf(state));
      }),
      { numRuns: 300 },
    );
  });

  it('refusals change nothing; DeleteStage never removes a system stage', () => {
    fc.assert(
      fc.property(fc.array(command, { maxLength: 40 }), stageName, (commands, stage) => {
        let state = stateAfter([created(1, 'app')]);
        commands.forEach((make, i) => {
          try {
            state = decide(state, make(T0 + i)).reduce<SecretSet>((s, e) => evolve(s, e), state);
          } catch (e) {
            if (!(e instanceof DewError)) throw e;
          }
        });
        const cmd: SecretCommand = { type: 'DeleteStage', name: 'app', stage, now: T0 + 999 };
        if (stage === SYSCURRENT || stage === SYSPREVIOUS) {
          expect(() => decide(state, cmd)).toThrow(expect.objectContaining({ code: 'CSMS.0105' }));
        } else if (stageHolder(secretOf(state).stages, stage) === undefined) {
          expect(() => decide(state, cmd)).toThrow(expect.objectContaining({ code: 'CSMS.0005' }));
        } else {
          const after = secretOf(decide(state, cmd).reduce<SecretSet>((s, e) => evolve(s, e), state));
          expect(stageHolder(after.stages, stage)).toBeUndefined();
          checkInvariants(after);
        }
      }),
      { numRuns: 200 },
    );
  });
});

describe('the generator reaches the limits', () => {
  it('some sequences fill 20 versions and some meet the 12-stage limit', () => {
    let fullVersions = 0;
    let stageLimit = 0;
    for (const commands of fc.sample(fc.array(command, { minLength: 40, maxLength: 60 }), { numRuns: 100, seed: 42 })) {
      let state = stateAfter([created(1, 'app')]);
      commands.forEach((make, i) => {
        try {
          state = decide(state, make(T0 + i)).reduce<SecretSet>((s, e) => evolve(s, e), state);
        } catch (e) {
          if (e instanceof DewError && e.code === 'CSMS.1003') stageLimit++;
        }
        if (secretOf(state).versions.length === VERSIONS_MAX) fullVersions++;
      });
    }
    expect(fullVersions).toBeGreaterThan(0);
    expect(stageLimit).toBeGreaterThan(0);
  });
});
