import { DewError } from '@dew/contracts';
import type { Identity } from '../auth/identity.js';
import { CallerShares, sourceShare, type AdmittedRequest, type ShareLimits } from './caller-shares.js';

const LIMITS: ShareLimits = { maxInFlight: 16, maxInFlightPerCaller: 4, maxInFlightUnverified: 8 };
const SIGNATURE = 'ab'.repeat(32);
/** Headers claiming an access key: well formed, never checked here (anyone can send them). */
const signedBy = (ak: string) => ({ authorization: `SDK-HMAC-SHA256 Access=${ak}, SignedHeaders=host;x-sdk-date, Signature=${SIGNATURE}` });
const identity = (accessKeyId: string, userId = `user-of-${accessKeyId}`): Identity => ({ userId, userName: 'u', domainId: 'd', domainName: 'd', isDomainAdmin: false, projectIds: [], accessKeyId });
const REAL = '10.0.0.1';

function admitted(result: AdmittedRequest | DewError): AdmittedRequest {
  if (result instanceof DewError) throw new Error(`refused: ${result.message}`);
  return result;
}

/** A caller whose signature IAM verified once from `ip`: what a real caller is after its first request. */
function verifiedOnce(shares: CallerShares, ak: string, ip = REAL): void {
  const first = admitted(shares.admit(signedBy(ak), ip));
  first.verified(identity(ak));
  first.leave();
}

const refusals = (results: (AdmittedRequest | DewError)[]) => results.filter((r): r is DewError => r instanceof DewError);

describe('CallerShares: fair shares of the gateway in-flight limit', () => {
  it('1000 forged requests from one source, each naming a made-up access key: only the source share is let in, then 503 naming it', () => {
    const shares = new CallerShares(LIMITS);
    const results = Array.from({ length: 1000 }, (_, i) => shares.admit(signedBy(`FAKE${i}`), '203.0.113.9'));
    expect(results.length - refusals(results).length).toBe(sourceShare(LIMITS));
    expect(new Set(refusals(results).map((r) => `${r.status} ${r.retryAfterS} ${r.message}`))).toEqual(
      new Set([`503 1 this address already has ${sourceShare(LIMITS)} requests awaiting authentication (limit ${sourceShare(LIMITS)}); nothing was done; retry the request`]),
    );
  });

  it('forged requests from many sources fill only the unverified pool: a verified caller still gets its whole share', () => {
    const shares = new CallerShares(LIMITS);
    verifiedOnce(shares, 'REALAK');
    const forged = Array.from({ length: 500 }, (_, i) => shares.admit(signedBy('REALAK'), `198.51.100.${i % 250}`));
    expect(forged.length - refusals(forged).length).toBe(LIMITS.maxInFlightUnverified);
    expect(refusals(forged).at(-1)?.message).toContain(`gateway busy: ${LIMITS.maxInFlightUnverified} requests awaiting authentication, its limit`);
    const real = Array.from({ length: LIMITS.maxInFlightPerCaller }, () => shares.admit(signedBy('REALAK'), REAL));
    expect(refusals(real)).toEqual([]);
  });

  it('a verified caller at its share gets 503 naming the share; another verified caller is still let in', () => {
    const shares = new CallerShares(LIMITS);
    verifiedOnce(shares, 'FLOODER');
    verifiedOnce(shares, 'OTHER');
    const flood = Array.from({ length: 50 }, () => shares.admit(signedBy('FLOODER'), REAL));
    expect(refusals(flood)).toHaveLength(50 - LIMITS.maxInFlightPerCaller);
    expect(refusals(flood)[0]).toMatchObject({ code: 'KMS.0101', status: 503, retryAfterS: 1, message: 'caller already has 4 requests in progress (limit 4); nothing was done; retry the request' });
    expect(shares.admit(signedBy('OTHER'), REAL)).not.toBeInstanceOf(DewError);
  });

  it('the total is reached by real callers and forgers together: the next request gets 503 naming the total', () => {
    const shares = new CallerShares(LIMITS);
    for (const ak of ['A', 'B', 'C']) verifiedOnce(shares, ak);
    for (const ak of ['A', 'B']) for (let i = 0; i < LIMITS.maxInFlightPerCaller; i++) admitted(shares.admit(signedBy(ak), REAL));
    for (let i = 0; i < LIMITS.maxInFlightUnverified; i++) admitted(shares.admit({}, `192.0.2.${i}`));
    expect(shares.counts.total).toBe(LIMITS.maxInFlight);
    expect(shares.admit(signedBy('C'), REAL)).toMatchObject({ status: 503, message: expect.stringContaining('gateway busy: 16 requests in progress, its limit') });
  });

  it('what forgers can still do: while they hold the whole unverified pool, a caller not verified lately from its source is refused like them', () => {
    const shares = new CallerShares(LIMITS);
    for (let i = 0; i < LIMITS.maxInFlightUnverified; i++) admitted(shares.admit(signedBy(`FAKE${i}`), `192.0.2.${i}`));
    expect(shares.admit(signedBy('NEWCOMER'), REAL)).toMatchObject({ status: 503, retryAfterS: 1, message: expect.stringContaining('awaiting authentication') });
  });

  it('an access key verified from one source is not trusted from another: forgeries naming it from elsewhere count under their own source', () => {
    const shares = new CallerShares(LIMITS);
    verifiedOnce(shares, 'VICTIM');
    const forged = Array.from({ length: 100 }, () => shares.admit(signedBy('VICTIM'), '203.0.113.66'));
    expect(forged.length - refusals(forged).length).toBe(sourceShare(LIMITS));
    const real = Array.from({ length: LIMITS.maxInFlightPerCaller }, () => shares.admit(signedBy('VICTIM'), REAL));
    expect(refusals(real)).toEqual([]);
  });

  it('a request verified while in progress moves to its caller share, freeing its source share; the next ones from there count under the caller', () => {
    const shares = new CallerShares({ maxInFlight: 8, maxInFlightPerCaller: 2, maxInFlightUnverified: 8 });
    const first = admitted(shares.admit(signedBy('NEW'), REAL));
    const second = admitted(shares.admit(signedBy('NEW'), REAL));
    expect(shares.admit(signedBy('NEW'), REAL)).toMatchObject({ message: expect.stringContaining('this address already has 2 requests awaiting authentication (limit 2)') });
    first.verified(identity('NEW'));
    expect(shares.counts).toEqual({ total: 2, unverified: 1, callerKeys: 1, sourceKeys: 1 });
    const third = admitted(shares.admit(signedBy('NEW'), REAL));
    expect(shares.counts).toEqual({ total: 3, unverified: 1, callerKeys: 1, sourceKeys: 1 });
    expect(shares.admit(signedBy('NEW'), REAL)).toMatchObject({ message: expect.stringContaining('caller already has 2 requests in progress (limit 2)') });
    // Its caller's share is full: verified, the second stays counted under its source.
    second.verified(identity('NEW'));
    expect(shares.counts).toEqual({ total: 3, unverified: 1, callerKeys: 1, sourceKeys: 1 });
    for (const r of [first, second, third]) r.leave();
    expect(shares.counts).toEqual({ total: 0, unverified: 0, callerKeys: 0, sourceKeys: 0 });
  });

  it('verified as another access key than the one claimed (or as a token user): nothing is remembered, the request stays unverified', () => {
    const shares = new CallerShares(LIMITS);
    const claimed = admitted(shares.admit(signedBy('VICTIM'), REAL));
    claimed.verified(identity('ATTACKER'));
    claimed.verified(identity(''));
    expect(shares.counts).toMatchObject({ unverified: 1, callerKeys: 0 });
    claimed.leave();
    admitted(shares.admit(signedBy('VICTIM'), REAL));
    expect(shares.counts).toMatchObject({ unverified: 1, callerKeys: 0 });
  });

  it("token callers are counted per user: two tokens of one user share that user's share", () => {
    const shares = new CallerShares(LIMITS);
    for (const token of ['token-1', 'token-2']) {
      const first = admitted(shares.admit({ 'x-auth-token': token }, REAL));
      first.verified(identity('', 'user-7'));
      first.leave();
    }
    const both = Array.from({ length: 6 }, (_, i) => shares.admit({ 'x-auth-token': `token-${(i % 2) + 1}` }, REAL));
    expect(refusals(both)).toHaveLength(6 - LIMITS.maxInFlightPerCaller);
    expect(shares.counts.callerKeys).toBe(1);
  });

  it('each request leaves once: a second leave frees nothing, and when all have left no key is remembered (no growth)', () => {
    const shares = new CallerShares(LIMITS);
    verifiedOnce(shares, 'A');
    const a = admitted(shares.admit(signedBy('A'), REAL));
    const b = admitted(shares.admit({}, '192.0.2.1'));
    a.leave();
    a.leave();
    expect(shares.counts).toEqual({ total: 1, unverified: 1, callerKeys: 0, sourceKeys: 1 });
    b.leave();
    for (let i = 0; i < 10_000; i++) admitted(shares.admit(signedBy(`FAKE${i}`), `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`)).leave();
    expect(shares.counts).toEqual({ total: 0, unverified: 0, callerKeys: 0, sourceKeys: 0 });
  });

  it("a source's share of the unverified pool is a caller's share, or the whole pool when that is smaller", () => {
    expect(sourceShare({ maxInFlight: 256, maxInFlightPerCaller: 32, maxInFlightUnverified: 64 })).toBe(32);
    expect(sourceShare({ maxInFlight: 256, maxInFlightPerCaller: 32, maxInFlightUnverified: 16 })).toBe(16);
  });

  describe('borrowing from an idle gateway', () => {
    // 64 in all, 16 unverified, 4 a caller: a caller may borrow while fewer than 64 − 16 − 2 × 4 = 40 are in progress.
    const ROOMY: ShareLimits = { maxInFlight: 64, maxInFlightPerCaller: 4, maxInFlightUnverified: 16 };

    it('one verified caller alone goes past its share up to the borrowing bound, then gets 503 saying what it borrowed', () => {
      const shares = new CallerShares(ROOMY);
      verifiedOnce(shares, 'BUSY');
      const burst = Array.from({ length: 60 }, () => shares.admit(signedBy('BUSY'), REAL));
      expect(burst.filter((r) => !(r instanceof DewError))).toHaveLength(40);
      expect(refusals(burst)[0]).toMatchObject({ status: 503, retryAfterS: 1, message: expect.stringContaining('caller already has 40 requests in progress (its share 4, the rest borrowed') });
    });

    it('a borrower at the bound and forgers holding the whole unverified pool: another verified caller still gets its whole share', () => {
      const shares = new CallerShares(ROOMY);
      verifiedOnce(shares, 'BUSY');
      verifiedOnce(shares, 'OTHER');
      for (let i = 0; i < 40; i++) admitted(shares.admit(signedBy('BUSY'), REAL));
      for (let i = 0; i < ROOMY.maxInFlightUnverified; i++) admitted(shares.admit(signedBy(`FAKE${i}`), `192.0.2.${i}`));
      const other = Array.from({ length: ROOMY.maxInFlightPerCaller }, () => shares.admit(signedBy('OTHER'), REAL));
      expect(refusals(other)).toEqual([]);
    });

    it('a borrowed request that leaves is given back: the caller may borrow again', () => {
      const shares = new CallerShares(ROOMY);
      verifiedOnce(shares, 'BUSY');
      const held = Array.from({ length: 40 }, () => admitted(shares.admit(signedBy('BUSY'), REAL)));
      expect(shares.admit(signedBy('BUSY'), REAL)).toBeInstanceOf(DewError);
      held[39]!.leave();
      expect(shares.admit(signedBy('BUSY'), REAL)).not.toBeInstanceOf(DewError);
      expect(shares.counts.total).toBe(40);
    });
  });
});
