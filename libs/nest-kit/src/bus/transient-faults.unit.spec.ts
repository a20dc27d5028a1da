import { errors } from '@nats-io/transport-node';
import { JetStreamApiError } from '@nats-io/jetstream';
import { BusRequestFailed, NoStreamForSubject, StreamPublishRefused } from '@dew/messaging';
import { isTransientBusFault, unavailableBody } from './transient-faults.js';

describe('isTransientBusFault', () => {
  it('a bus that did not answer (timeout, no responders, connection closed or lost): transient', () => {
    for (const err of [new errors.TimeoutError(), new errors.NoRespondersError('dew.x'), new errors.ClosedConnectionError(), new errors.ConnectionError('reset')]) {
      expect(isTransientBusFault(err)).toBe(true);
    }
  });

  it('JetStream answering 503 (temporarily unavailable): transient; answering 400 or 404: not', () => {
    expect(isTransientBusFault(new JetStreamApiError({ code: 503, err_code: 10008, description: 'JetStream system temporarily unavailable' }))).toBe(true);
    expect(isTransientBusFault(new JetStreamApiError({ code: 400, err_code: 10071, description: 'wrong last sequence: 4' }))).toBe(false);
    expect(isTransientBusFault(new JetStreamApiError({ code: 404, err_code: 10059, description: 'stream not found' }))).toBe(false);
  });

  it('DEW\'s own request path: no responders, a timeout or a lost connection are transient, as is a publish no stream answered (no leader) or JetStream refused with 503; a refusal or a message too large is not', () => {
    for (const kind of ['no-responders', 'timeout', 'connection-lost'] as const) expect(isTransientBusFault(new BusRequestFailed(kind, 'evt.x', kind))).toBe(true);
    for (const kind of ['too-large', 'refused'] as const) expect(isTransientBusFault(new BusRequestFailed(kind, 'evt.x', kind))).toBe(false);
    expect(isTransientBusFault(new NoStreamForSubject('evt.kms.k.keyring', { cause: new BusRequestFailed('no-responders', 'evt.kms.k.keyring', 'no responders') }))).toBe(true);
    expect(isTransientBusFault(new StreamPublishRefused('evt.x', 503, 'JetStream system temporarily unavailable'))).toBe(true);
    expect(isTransientBusFault(new StreamPublishRefused('evt.x', 400, 'maximum messages exceeded'))).toBe(false);
  });

  it('a wrapped cause counts (RequestError around a timeout); a plain fault, a string or a deep chain does not', () => {
    expect(isTransientBusFault(new errors.RequestError('request failed', { cause: new errors.TimeoutError() }))).toBe(true);
    expect(isTransientBusFault(new Error('disk on fire'))).toBe(false);
    expect(isTransientBusFault('TimeoutError')).toBe(false);
    let deep: Error = new errors.TimeoutError();
    for (let i = 0; i < 5; i++) deep = new Error(`layer ${i}`, { cause: deep });
    expect(isTransientBusFault(deep)).toBe(false);
  });

  it('the answer: the family\'s own 503 code, naming the request', () => {
    expect(unavailableBody('csms', 'r-1')).toMatchObject({ code: 'CSMS.0503', status: 503, message: expect.stringContaining('request r-1') });
    expect(unavailableBody('kms', 'r-2')).toMatchObject({ code: 'KMS.0101', status: 503 });
    expect(unavailableBody('iam', 'r-3')).toMatchObject({ code: 'IAM.0008', status: 503 });
  });
});
