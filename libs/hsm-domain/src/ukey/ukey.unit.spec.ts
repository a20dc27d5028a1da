import { T0, UKEY, activation, creating, given, history, instanceId, running, stateAfter, toBeActivated } from '../fixtures.spec.js';

const download = (n: number, now: number, kept = true) => ({ type: 'DownloadHsmUkey' as const, instanceId: instanceId(n), kept, now });

describe('UKey issue and download (H2)', () => {
  it('activation issues the UKey: its public half and fingerprint are state, not yet downloaded', () => {
    given(toBeActivated(1)).when(activation(1)).thenSucceeds((events, state) => {
      expect(events[0]).toMatchObject({ type: 'HsmActivated', ukey: UKEY });
      expect(state.instances.get(instanceId(1))?.ukey).toEqual({ ...UKEY, downloadedAt: null });
    });
  });

  it.each([
    ['a running instance', () => running(1)],
    ['a creating instance', () => creating(1)],
  ])('downloading the UKey of %s records the download once', (_label, past) => {
    given(past()).when(download(1, T0 + 10 ** 9)).thenSucceeds((events, state) => {
      expect(events).toEqual([{ type: 'HsmUkeyDownloaded', instanceId: instanceId(1), fingerprint: UKEY.fingerprint, at: T0 + 10 ** 9 }]);
      expect(state.instances.get(instanceId(1))?.ukey?.downloadedAt).toBe(T0 + 10 ** 9);
    });
  });

  it('a second download is refused naming the time of the first', () => {
    const past = history(running(1), download(1, T0 + 10 ** 9));
    given(past).when(download(1, T0 + 10 ** 9 + 1)).thenRefuses({ code: 'DHSM.0409', message: `was downloaded at ${new Date(T0 + 10 ** 9).toISOString()}; it is handed out once` });
  });

  it('a UKey the service no longer holds is refused with 409 saying so, and nothing is recorded', () => {
    given(running(1)).when(download(1, T0, false)).thenRefuses({ code: 'DHSM.0409', message: 'no longer holds (lost before its download): delete it and buy another' });
  });

  it('an instance activated before UKeys were issued (its stored HsmActivated has none) has no UKey: refused with 409, not a fault', () => {
    const legacy = running(1).map((e) => {
      if (e.type !== 'HsmActivated') return e;
      const { ukey: _issued, ...rest } = e;
      return rest as typeof e;
    });
    expect(stateAfter(...legacy).instances.get(instanceId(1))?.ukey).toBeNull();
    given(legacy).when(download(1, T0 + 10 ** 9)).thenRefuses({ code: 'DHSM.0409', message: 'was activated before UKeys were issued and has none' });
  });

  it('an instance that is not activated has no UKey to download', () => {
    given(toBeActivated(1)).when(download(1, T0 + 10 ** 9)).thenRefuses({ code: 'DHSM.0409', message: 'is To be activated: downloading the UKey needs it Creating or Running or Frozen' });
  });

  it('an unknown instance is refused as not found', () => {
    given(running(1)).when(download(2, T0)).thenRefuses({ code: 'DHSM.0404', message: 'does not exist' });
  });

  it('an activation without a well-formed UKey is a fault of the service, not a refusal', () => {
    expect(() => history(toBeActivated(1), { ...activation(1), ukey: { publicKey: 'not a key', fingerprint: 'x' } })).toThrow('well-formed UKey');
  });
});
