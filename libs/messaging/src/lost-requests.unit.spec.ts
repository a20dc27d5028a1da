import { jest } from '@jest/globals';
import { LostRequestWatch, MAX_PROBED, PROBE_AFTER_MS, PROBE_WINDOW_MS, retriedAfterLoss, UNCLAIMED_ROUNDS, type WatchedRequest } from './lost-requests.js';

const INBOX = '_INBOX.gateway.x.';

/** The multiplexer's side, as request-mux.ts gives it: pending requests in send order, probes sent, requests failed. */
function fakeMux() {
  const pending = new Map<string, WatchedRequest>();
  const probes: { subject: string; replies: string[]; token: string }[] = [];
  const lost: string[] = [];
  let next = 0;
  const watch = new LostRequestWatch({
    pending: () => pending.entries(),
    find: (token) => pending.get(token),
    publish: (subject, data, token) => void probes.push({ subject, token, replies: (JSON.parse(new TextDecoder().decode(data)) as { replies: string[] }).replies }),
    newToken: () => `probe-${next++}`,
    lost: (token) => {
      pending.delete(token);
      lost.push(token);
    },
  });
  const send = (token: string, subject: string, sentAt: number) => pending.set(token, { subject, reply: INBOX + token, sentAt, unclaimed: 0 });
  const answer = (probeToken: string, held: string[]) => watch.answer(probeToken, new TextEncoder().encode(JSON.stringify({ ok: { held } })));
  return { watch, pending, probes, lost, send, answer };
}

/** The probe's window ends, then the conclusion runs after the next socket read (setImmediate). */
const closeWindow = () => {
  jest.advanceTimersByTime(PROBE_WINDOW_MS);
  jest.advanceTimersByTime(1);
};

beforeEach(() => jest.useFakeTimers());
afterEach(() => jest.useRealTimers());

describe('LostRequestWatch', () => {
  it('requests younger than PROBE_AFTER_MS: no probe', () => {
    const mux = fakeMux();
    mux.send('a', 'kms.encrypt-data', 1_000);
    mux.watch.sweep(1_000 + PROBE_AFTER_MS - 1);
    expect(mux.probes).toEqual([]);
  });

  it('old requests: one probe per answering service, to sys.inflight.<service>, listing their reply subjects; subjects outside the table are never probed', () => {
    const mux = fakeMux();
    mux.send('a', 'kms.encrypt-data', 0);
    mux.send('b', 'kms.create-key', 0);
    mux.send('c', 'dhsm.list-hsms', 0);
    mux.send('d', 'bench.echo', 0);
    mux.watch.sweep(PROBE_AFTER_MS);
    expect(mux.probes.map(({ subject, replies }) => ({ subject, replies }))).toEqual([
      { subject: 'sys.inflight.kms', replies: [`${INBOX}a`, `${INBOX}b`] },
      { subject: 'sys.inflight.hsm-provisioning', replies: [`${INBOX}c`] },
    ]);
  });

  it('a request no replica claims in UNCLAIMED_ROUNDS answered probes in a row is lost, not before; one claimed is kept', () => {
    const mux = fakeMux();
    mux.send('mine', 'kms.encrypt-data', 0);
    mux.send('orphan', 'kms.encrypt-data', 0);
    for (let round = 0; round < UNCLAIMED_ROUNDS; round++) {
      expect(mux.lost).toEqual([]);
      mux.watch.sweep(PROBE_AFTER_MS + round * 2_000);
      mux.answer(mux.probes[round]!.token, [`${INBOX}mine`]);
      closeWindow();
    }
    expect(mux.lost).toEqual(['orphan']);
    expect(mux.pending.has('mine')).toBe(true);
  });

  it('a replica answering busy (its probe budget spent) claims every request asked: a flood of probes never makes a live request look lost', () => {
    const mux = fakeMux();
    mux.send('a', 'kms.encrypt-data', 0);
    for (let round = 0; round < UNCLAIMED_ROUNDS + 2; round++) {
      mux.watch.sweep(PROBE_AFTER_MS + round * 2_000);
      // One replica reads the probe and holds nothing; the holder is too busy to read it.
      mux.answer(mux.probes[round]!.token, []);
      mux.watch.answer(mux.probes[round]!.token, new TextEncoder().encode(JSON.stringify({ ok: { busy: true } })));
      closeWindow();
    }
    expect(mux.lost).toEqual([]);
    expect(mux.pending.has('a')).toBe(true);
  });

  it('an answer that arrives after the window is not counted', () => {
    const mux = fakeMux();
    mux.send('a', 'kms.encrypt-data', 0);
    mux.watch.sweep(PROBE_AFTER_MS);
    closeWindow();
    expect(mux.answer(mux.probes[0]!.token, [`${INBOX}a`])).toBe(false);
  });

  it('a claim between unclaimed probes starts the count again', () => {
    const mux = fakeMux();
    mux.send('a', 'kms.encrypt-data', 0);
    const rounds = [...Array.from({ length: UNCLAIMED_ROUNDS - 1 }, () => []), [`${INBOX}a`], ...Array.from({ length: UNCLAIMED_ROUNDS - 1 }, () => [])];
    rounds.forEach((held, round) => {
      mux.watch.sweep(PROBE_AFTER_MS + round * 2_000);
      mux.answer(mux.probes[round]!.token, held);
      closeWindow();
    });
    expect(mux.lost).toEqual([]);
  });

  it('no answer at all (the only replica down, or no responder knows the probe): nothing is concluded', () => {
    const mux = fakeMux();
    mux.send('a', 'kms.encrypt-data', 0);
    for (let round = 0; round < UNCLAIMED_ROUNDS + 2; round++) {
      mux.watch.sweep(PROBE_AFTER_MS + round * 2_000);
      // nats-server's "no responders" status arrives as an empty message: no answer.
      expect(mux.watch.answer(mux.probes[round]!.token, new Uint8Array())).toBe(true);
      closeWindow();
    }
    expect(mux.lost).toEqual([]);
  });

  it('while a probe of a service is out, the next sweep sends none to it', () => {
    const mux = fakeMux();
    mux.send('a', 'kms.encrypt-data', 0);
    mux.watch.sweep(PROBE_AFTER_MS);
    mux.watch.sweep(PROBE_AFTER_MS + 100);
    expect(mux.probes).toHaveLength(1);
    closeWindow();
    mux.watch.sweep(PROBE_AFTER_MS + 2_000);
    expect(mux.probes).toHaveLength(2);
  });

  it('one probe lists at most MAX_PROBED requests, the oldest', () => {
    const mux = fakeMux();
    for (let i = 0; i < MAX_PROBED + 5; i++) mux.send(`r${i}`, 'kms.encrypt-data', i);
    mux.watch.sweep(PROBE_AFTER_MS + MAX_PROBED + 5);
    expect(mux.probes[0]!.replies).toHaveLength(MAX_PROBED);
    expect(mux.probes[0]!.replies[0]).toBe(`${INBOX}r0`);
  });

  it('an answer on a token that is no probe is left to the caller; a malformed answer counts for nothing', () => {
    const mux = fakeMux();
    expect(mux.watch.answer('not-a-probe', new Uint8Array())).toBe(false);
    mux.send('a', 'kms.encrypt-data', 0);
    for (let round = 0; round < UNCLAIMED_ROUNDS; round++) {
      mux.watch.sweep(PROBE_AFTER_MS + round * 2_000);
      mux.watch.answer(mux.probes[round]!.token, new TextEncoder().encode('{"ok":{"held":[1,2]}}'));
      closeWindow();
    }
    expect(mux.lost).toEqual([]);
  });

  it('retriedAfterLoss: reads of the table (crypto calls among them) are sent again; writes, reads with a side effect and subjects outside the table never', () => {
    expect(['kms.encrypt-data', 'kms.describe-key', 'csms.show-secret-version'].map(retriedAfterLoss)).toEqual([true, true, true]);
    expect(['kms.create-key', 'csms.create-secret', 'kps.associate-keypair', 'bench.echo'].map(retriedAfterLoss)).toEqual([false, false, false, false]);
    // Reads that leave a mark outside the streams: a single-use signature seen, a certificate signed.
    expect(['iam.authenticate', 'dhsm.issue-kms-certificate'].map(retriedAfterLoss)).toEqual([false, false]);
  });
});
