import { CERTIFICATION, EDITION_ALGORITHMS, HSM_QUOTA } from '../rules/fields.js';
import { T0, given, history, instanceId, installed, purchase, stateAfter } from '../fixtures.spec.js';
import { INSTALL_MS } from './decide.js';

describe('purchasing a Dedicated HSM instance (H1)', () => {
  it('a purchase is Installing with the platinum edition, its algorithms, the FIPS label and a default name', () => {
    given([]).when(purchase(1)).thenSucceeds((events, state) => {
      expect(events).toEqual([{
        type: 'HsmInstanceCreated', instanceId: instanceId(1), name: 'DedicatedHSM-0000-0001', region: 'dew-local-1', edition: 'Platinum',
        algorithms: EDITION_ALGORITHMS, certification: CERTIFICATION, contact: 'ukey@example.com', orderId: 'CS1', installDueAt: T0 + 1 + INSTALL_MS, at: T0 + 1,
      }]);
      expect(state.instances.get(instanceId(1))?.status).toBe('Installing');
    });
  });

  it('default names are numbered by purchase and never reused after a deletion', () => {
    const events = history([], purchase(1), installed(1), { type: 'DeleteHsmInstance', instanceId: instanceId(1), now: T0 + INSTALL_MS + 5 }, purchase(2));
    expect(stateAfter(...events).instances.get(instanceId(2))?.name).toBe('DedicatedHSM-0000-0002');
  });

  it('an edition other than Platinum is refused naming the allowed value', () => {
    given([]).when(purchase(1, { edition: 'Standard' })).thenRefuses({ code: 'DHSM.0002', message: 'edition must be one of Platinum, got "Standard"' });
  });

  it('a region with capitals is refused naming the character and its position', () => {
    given([]).when(purchase(1, { region: 'Dew-1' })).thenRefuses({ code: 'DHSM.0002', message: 'region may contain only lowercase letters, digits and hyphens (-), got "D" at position 1' });
  });

  it('an empty contact is refused with its length', () => {
    given([]).when(purchase(1, { contact: '' })).thenRefuses({ code: 'DHSM.0002', message: 'contact must be 1..256 characters, got 0' });
  });

  it('a contact over 256 characters is refused', () => {
    given([]).when(purchase(1, { contact: 'x'.repeat(257) })).thenRefuses({ code: 'DHSM.0002', message: 'got 257' });
  });

  it('an instance id already used is refused with 409', () => {
    given(history([], purchase(1))).when(purchase(1)).thenRefuses({ code: 'DHSM.0409', status: 409 });
  });

  it(`the ${HSM_QUOTA + 1}th instance of a project is refused by the quota`, () => {
    const past = history([], ...Array.from({ length: HSM_QUOTA }, (_, i) => purchase(i + 1)));
    given(past).when(purchase(HSM_QUOTA + 1)).thenRefuses({ code: 'DHSM.1001', message: `quota of ${HSM_QUOTA} Dedicated HSM instances per project reached (${HSM_QUOTA} instances)` });
  });
});

describe('completing the install', () => {
  it('at its due time an Installing instance becomes To be activated', () => {
    given(history([], purchase(1))).when(installed(1)).thenSucceeds((events, state) => {
      expect(events).toEqual([{ type: 'HsmInstallCompleted', instanceId: instanceId(1), at: T0 + 1 + INSTALL_MS }]);
      expect(state.instances.get(instanceId(1))?.status).toBe('To be activated');
    });
  });

  it('before its due time it is refused naming the due time', () => {
    given(history([], purchase(1)))
      .when({ type: 'CompleteHsmInstall', instanceId: instanceId(1), now: T0 + INSTALL_MS - 1 })
      .thenRefuses({ code: 'DHSM.0409', message: `not due before ${new Date(T0 + 1 + INSTALL_MS).toISOString()}` });
  });

  it('an instance already installed is refused: the step needs Installing', () => {
    given(history([], purchase(1), installed(1))).when(installed(1)).thenRefuses({ code: 'DHSM.0409', message: 'is To be activated: completing the install needs it Installing' });
  });

  it('an unknown instance is refused with 404', () => {
    given([]).when(installed(7)).thenRefuses({ code: 'DHSM.0404', status: 404, message: `instance "${instanceId(7)}" does not exist` });
  });
});
