import { errors } from '@nats-io/transport-node';
import { JetStreamApiError } from '@nats-io/jetstream';
import { BusRequestFailed } from './request-mux.js';
import { DuplicateInProcess, DuplicateOfUnstored, NoStreamForSubject, StreamPublishRefused } from './stream-publish.js';
import { transientFault, unavailableBody } from './transient-faults.js';

describe('transientFault', () => {
  it('nothing answered or JetStream refused with 503 (no responders, no stream leader, "temporarily unavailable"): not done, a retry is safe', () => {
    for (const err of [
      new errors.NoRespondersError('dew.x'),
      new BusRequestFailed('no-responders', 'evt.x', 'no responders'),
      new NoStreamForSubject('evt.kms.k.keyring', { cause: new BusRequestFailed('no-responders', 'evt.kms.k.keyring', 'no responders') }),
      new StreamPublishRefused('evt.x', 503, 'JetStream system temporarily unavailable', 10008),
      new JetStreamApiError({ code: 503, err_code: 10008, description: 'JetStream system temporarily unavailable' }),
      // nats-server 2.11+ shedding load: nothing stored.
      new StreamPublishRefused('evt.x', 429, 'too many requests', 10167),
      new JetStreamApiError({ code: 429, err_code: 10167, description: 'too many requests' }),
    ]) expect(transientFault(err)).toBe('not-done');
  });

  it('the answer lost (a timeout, a connection closed or lost, the replica gone, "duplicate" of no stored message): the outcome is unknown', () => {
    for (const err of [new errors.TimeoutError(), new errors.ClosedConnectionError(), new errors.ConnectionError('reset'), new BusRequestFailed('timeout', 'evt.x', 't'), new BusRequestFailed('connection-lost', 'evt.x', 'c'), new BusRequestFailed('replica-lost', 'kms.create-key', 'r'), new DuplicateOfUnstored('evt.x'), new DuplicateInProcess('evt.x')]) {
      expect(transientFault(err)).toBe('unknown');
    }
    expect(transientFault(new errors.RequestError('request failed', { cause: new errors.TimeoutError() }))).toBe('unknown');
    // The event store's UnconfirmedAppend carries it as its cause.
    expect(transientFault(new Error('append to evt.x: unconfirmed', { cause: new DuplicateOfUnstored('evt.x') }))).toBe('unknown');
  });

  it('no fault of the moment: a refusal, a message too large, JetStream 400/404, a plain fault, an AbortSignal timeout, a string, a deep chain', () => {
    expect(transientFault(new BusRequestFailed('too-large', 'evt.x', 'big'))).toBeNull();
    expect(transientFault(new BusRequestFailed('refused', 'evt.x', 'no'))).toBeNull();
    expect(transientFault(new StreamPublishRefused('evt.x', 503, 'maximum messages exceeded', 10077))).toBeNull();
    expect(transientFault(new JetStreamApiError({ code: 503, err_code: 10077, description: 'maximum messages exceeded' }))).toBeNull();
    expect(transientFault(new JetStreamApiError({ code: 400, err_code: 10071, description: 'wrong last sequence: 4' }))).toBeNull();
    expect(transientFault(new JetStreamApiError({ code: 404, err_code: 10059, description: 'stream not found' }))).toBeNull();
    expect(transientFault(new Error('disk on fire'))).toBeNull();
    expect(transientFault(new DOMException('The operation was aborted due to timeout', 'TimeoutError'))).toBeNull();
    expect(transientFault('TimeoutError')).toBeNull();
    let deep: Error = new errors.TimeoutError();
    for (let i = 0; i < 5; i++) deep = new Error(`layer ${i}`, { cause: deep });
    expect(transientFault(deep)).toBeNull();
  });

  it('the answer: the family\'s own 503 naming the request; a retry offered only where nothing was done', () => {
    expect(unavailableBody('csms', 'r-1', 'not-done')).toMatchObject({ code: 'CSMS.0503', status: 503, retry_after_s: 1, message: expect.stringContaining('request r-1') });
    expect(unavailableBody('kms', 'r-2', 'unknown')).toEqual({ code: 'KMS.0101', status: 503, message: expect.stringContaining('may have been carried out') });
    expect(unavailableBody('iam', 'r-3', 'not-done')).toMatchObject({ code: 'IAM.0008', status: 503 });
    expect(unavailableBody('csms', 'r-4', 'partly-done')).toEqual({ code: 'CSMS.0503', status: 503, message: expect.stringContaining('after part of the request was carried out') });
  });
});
