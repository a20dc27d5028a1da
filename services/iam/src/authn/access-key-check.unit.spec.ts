import { randomBytes } from 'node:crypto';
import { hmacSha256 } from '@dew/aksk';
import { DewError } from '@dew/contracts';
import { StaticRootKey } from '@dew/crypto';
import { foldEvents } from '@dew/decider';
import { accountDecider, findAccessKey, type AccountEvent, type AccountState } from '@dew/iam-domain';
import { secretAad } from '../access-keys/secrets.js';
import { AccessKeyCheck, type CurrentAccessKey } from './access-key-check.js';

const DOMAIN_ID = '0123456789abcdef0123456789abcdef';
const USER_ID = 'bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb';
const AK = 'AK1AAAAAAAAAAAAAAAAA';
const SK = 'sk0123456789abcdefghijklmnopqrstuvwxyzAB';
const TEXT = 'SDK-HMAC-SHA256\n20261130T065000Z\nabc';
const AT = Date.parse('2026-11-30T06:50:00Z');

/** A real root key that counts its unwraps and can hold one until the test lets it go. */
class CountingRootKey {
  readonly #key = new StaticRootKey(randomBytes(32), 'test');
  unwraps = 0;
  hold: Promise<void> | null = null;
  wrap(plaintext: string) {
    return this.#key.wrap(Buffer.from(plaintext), secretAad(AK));
  }
  async unwrap(wrapped: Uint8Array, aad: string): Promise<Buffer> {
    this.unwraps++;
    const secret = await this.#key.unwrap(wrapped, aad);
    if (this.hold) await this.hold;
    return secret;
  }
}

async function setUp() {
  const root = new CountingRootKey();
  const wrappedSecret = (await root.wrap(SK)).toString('base64');
  const events: AccountEvent[] = [
    { type: 'DomainCreated', domainId: DOMAIN_ID, name: 'dew', at: AT },
    { type: 'UserCreated', userId: USER_ID, domainId: DOMAIN_ID, name: 'alice', passwordHash: null, isDomainAdmin: false, enabled: true, at: AT },
    { type: 'AccessKeyCreated', accessKey: AK, userId: USER_ID, wrappedSecret, description: '', at: AT },
  ];
  const world = { state: foldEvents(accountDecider, events) as AccountState };
  const current = (accessKey: string): CurrentAccessKey | null => {
    const found = findAccessKey(world.state, accessKey);
    return world.state.status === 'Active' && found ? { account: world.state, found } : null;
  };
  const check = new AccessKeyCheck(current, root);
  const apply = (event: AccountEvent) => {
    world.state = accountDecider.evolve(world.state, event);
  };
  return { root, check, apply };
}

const signed = (secret: string) => ({ kind: 'aksk' as const, access_key: AK, string_to_sign: [TEXT], signature: hmacSha256(secret, TEXT).toString('hex') });

async function refusal(p: Promise<unknown>): Promise<string> {
  const err = await p.then(() => null, (e: unknown) => e);
  if (!(err instanceof DewError)) throw new Error(`expected a DewError refusal, got ${String(err)}`);
  return err.code;
}

describe('AccessKeyCheck', () => {
  it('a flood of bogus signatures naming an idle access key costs a bounded number of root-key unwraps, not one per request', async () => {
    const { root, check } = await setUp();
    for (let i = 0; i < 100; i++) expect(await refusal(check.verify(signed(`wrong-${i}`)))).toBe('IAM.0002');
    expect(root.unwraps).toBeLessThanOrEqual(6);
  });

  it('bogus signatures sent at once (one socket read starts them all) share one unwrap, and the owner among them still verifies', async () => {
    const { root, check } = await setUp();
    let release = () => {};
    root.hold = new Promise<void>((resolve) => (release = resolve));
    const bogus = Array.from({ length: 200 }, (_, i) => refusal(check.verify(signed(`wrong-${i}`))));
    const owner = check.verify(signed(SK));
    await new Promise((resolve) => setImmediate(resolve));
    release();
    expect(await Promise.all(bogus)).toEqual(Array(200).fill('IAM.0002'));
    await expect(owner).resolves.toMatchObject({ userId: USER_ID });
    expect(root.unwraps).toBe(1);
    // The owner verified with it: kept, so the next burst costs no unwrap at all.
    await Promise.all(Array.from({ length: 50 }, (_, i) => refusal(check.verify(signed(`again-${i}`)))));
    expect(root.unwraps).toBe(1);
  });

  it('a burst of only bogus signatures: one unwrap, and the SK is not kept while the failures are not spent… but is once they are', async () => {
    const { root, check } = await setUp();
    await Promise.all(Array.from({ length: 3 }, (_, i) => refusal(check.verify(signed(`few-${i}`)))));
    expect(root.unwraps).toBe(1);
    await refusal(check.verify(signed('one-more')));
    expect(root.unwraps).toBe(2);
    await Promise.all(Array.from({ length: 100 }, (_, i) => refusal(check.verify(signed(`many-${i}`)))));
    const afterFlood = root.unwraps;
    await Promise.all(Array.from({ length: 100 }, (_, i) => refusal(check.verify(signed(`more-${i}`)))));
    expect(root.unwraps).toBe(afterFlood);
  });

  it("the key's owner still authenticates during and after a flood of bogus signatures naming the key", async () => {
    const { check } = await setUp();
    for (let i = 0; i < 50; i++) await refusal(check.verify(signed(`wrong-${i}`)));
    await expect(check.verify(signed(SK))).resolves.toMatchObject({ userId: USER_ID });
  });

  it('one bogus signature keeps no SK in memory: the next request unwraps again', async () => {
    const { root, check } = await setUp();
    await refusal(check.verify(signed('wrong')));
    await check.verify(signed(SK));
    expect(root.unwraps).toBe(2);
  });

  it.each<[string, AccountEvent]>([
    ['a user disabled', { type: 'UserDisabled', userId: USER_ID, at: AT + 1 }],
    ['an access key deactivated', { type: 'AccessKeyStatusChanged', accessKey: AK, status: 'inactive', at: AT + 1 }],
    ['an access key deleted', { type: 'AccessKeyDeleted', accessKey: AK, at: AT + 1 }],
  ])('%s while its SK is being unwrapped is refused, not answered from the state read before the unwrap', async (_, change) => {
    const { root, check, apply } = await setUp();
    let release = () => {};
    root.hold = new Promise<void>((resolve) => (release = resolve));
    const pending = check.verify(signed(SK));
    await new Promise((resolve) => setImmediate(resolve));
    expect(root.unwraps).toBe(1);
    apply(change);
    release();
    expect(await refusal(pending)).toBe('IAM.0002');
  });

  it('usable() reads the current state: a key deactivated after verification is refused', async () => {
    const { check, apply } = await setUp();
    await check.verify(signed(SK));
    apply({ type: 'AccessKeyStatusChanged', accessKey: AK, status: 'inactive', at: AT + 1 });
    expect(() => check.usable(AK)).toThrow(DewError);
  });
});
