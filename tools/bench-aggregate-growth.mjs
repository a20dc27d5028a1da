#!/usr/bin/env node
// The cost of one event as an aggregate's history grows (issue 19, "create-secret flat"): a CSMS
// secret set after BENCH_GROWTH (default 20 000) creates and deletes, and a KMS keyring with as
// many live keys, an IAM account with half as many users (each with an access key and in a group);
// each beside an empty one. Prints µs per evolve (and per decide of a create, and for IAM per
// access-key lookup) at each size. Needs `npm run -s build`. Numbers are noisy on a shared machine:
// compare ratios. BENCH_IAM_BEFORE=<another build's libs/iam-domain/dist/index.js> adds its IAM rows
// as "before" (e.g. the build of the commit before issue 19's IAM change).
import { performance } from 'node:perf_hooks';
import { initialSecretSet, secretSetDecider } from '../libs/csms-domain/dist/index.js';
import { initialKeyring, keyringDecider } from '../libs/kms-domain/dist/index.js';
import * as iamDomain from '../libs/iam-domain/dist/index.js';

const SIZE = Number(process.env.BENCH_GROWTH ?? 20_000);
const ROUNDS = Number(process.env.BENCH_GROWTH_ROUNDS ?? 2000);
const T0 = 1_700_000_000_000;
const id = (n) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const KEY = '11111111-2222-4333-8444-555555555555';

const secretCreated = (n) => ({
  type: 'SecretCreated', secretId: id(n), name: `secret-${n}`, description: '', kmsKeyId: KEY, secretType: 'COMMON', at: T0 + n,
  firstVersion: { versionId: 'v1', value: { kmsKeyId: KEY, sealed: `sealed-${n}`.padEnd(120, '=') }, expireTime: null },
});
const secretDeleted = (n) => ({ type: 'SecretDeleted', secretId: id(n), at: T0 + n });
const keyCreated = (n) => ({
  type: 'KeyCreated', keyId: id(n), domainId: 'd', alias: `key-${n}`, description: '', keySpec: 'AES_256', keyUsage: 'ENCRYPT_DECRYPT',
  origin: 'kms', enterpriseProjectId: '0', tags: [], isDefault: false, at: T0 + n, material: { version: 1, wrapped: 'd3JhcHBlZA=='.padEnd(80, 'A') },
});

/** µs of one `fn(i)`: the median of 7 batches' means of ROUNDS/7 calls, after a warm-up of ROUNDS calls (GC and JIT pauses fall out). */
function micros(fn) {
  for (let i = 0; i < ROUNDS; i++) fn(i);
  const per = Math.max(1, Math.floor(ROUNDS / 7));
  const means = [];
  for (let b = 0; b < 7; b++) {
    const start = performance.now();
    for (let i = b * per; i < (b + 1) * per; i++) fn(i);
    means.push(((performance.now() - start) * 1000) / per);
  }
  return means.sort((x, y) => x - y)[3];
}

function csms(history) {
  let state = initialSecretSet('p');
  const t = performance.now();
  for (let n = 1; n <= history; n++) state = secretSetDecider.evolve(secretSetDecider.evolve(state, secretCreated(n)), secretDeleted(n));
  const foldMs = performance.now() - t;
  const base = SIZE * 10;
  const evolve = micros((i) => secretSetDecider.evolve(state, secretCreated(base + i)));
  const decide = micros((i) => secretSetDecider.decide(state, {
    type: 'CreateSecret', secretId: id(base + i), name: `new-${i}`, kmsKeyId: KEY, value: { kmsKeyId: KEY, sealed: 'c2VhbGVk' }, now: T0,
  }));
  return { history, foldMs: Math.round(foldMs), evolveUs: evolve.toFixed(2), decideUs: decide.toFixed(2) };
}

function kms(keys) {
  let state = initialKeyring('p');
  for (let n = 1; n <= keys; n++) state = keyringDecider.evolve(state, keyCreated(n));
  const base = SIZE * 10;
  const evolve = micros((i) => keyringDecider.evolve(state, keyCreated(base + i)));
  return { keys, evolveUs: evolve.toFixed(2) };
}

/** IAM ids are 32 lower-case hex characters. */
const iamId = (n) => n.toString(16).padStart(32, '0');
const userCreated = (n) => ({ type: 'UserCreated', userId: iamId(n), domainId: 'd', name: `user-${n}`, passwordHash: null, isDomainAdmin: false, enabled: true, at: T0 + n });
const akCreated = (n) => ({ type: 'AccessKeyCreated', accessKey: `AK${String(n).padStart(18, '0')}`, userId: iamId(n), wrappedSecret: 'd3JhcHBlZA==', description: '', at: T0 + n });
const GROUP = 'f'.repeat(32);

/** `users` users with an access key each, all in one group; every event and query timed on it. */
function iam(domain, users) {
  const { accountDecider, findAccessKey } = domain;
  let state = accountDecider.evolve(accountDecider.initialState, { type: 'DomainCreated', domainId: 'd', name: 'd', at: T0 });
  state = accountDecider.evolve(state, { type: 'GroupCreated', groupId: GROUP, domainId: 'd', name: 'g', description: '', at: T0 });
  for (let n = 1; n <= users; n++) {
    for (const e of [userCreated(n), akCreated(n), { type: 'UserAddedToGroup', groupId: GROUP, userId: iamId(n), at: T0 }]) state = accountDecider.evolve(state, e);
  }
  const base = SIZE * 10;
  const last = Math.max(1, users);
  return {
    users,
    evolveUs: micros((i) => accountDecider.evolve(state, userCreated(base + i))).toFixed(2),
    accessKeyUs: micros((i) => accountDecider.evolve(state, akCreated(base + i))).toFixed(2),
    joinUs: micros((i) => accountDecider.evolve(state, { type: 'UserAddedToGroup', groupId: GROUP, userId: iamId(base + i), at: T0 })).toFixed(2),
    decideUs: micros((i) => accountDecider.decide(state, { type: 'CreateUser', userId: iamId(base + i), name: `new-${i}`, passwordHash: null, isDomainAdmin: false, now: T0 })).toFixed(2),
    lookupUs: micros(() => findAccessKey(state, akCreated(last).accessKey)).toFixed(2),
  };
}

const iamBefore = process.env.BENCH_IAM_BEFORE ? await import(process.env.BENCH_IAM_BEFORE) : null;
const rows = {
  csms: [csms(0), csms(SIZE)],
  kms: [kms(0), kms(SIZE / 2), kms(SIZE)],
  iam: [iam(iamDomain, 0), iam(iamDomain, SIZE / 2)],
  ...(iamBefore ? { iamBefore: [iam(iamBefore, 0), iam(iamBefore, SIZE / 2)] } : {}),
};
for (const r of rows.csms) console.log(`csms secret set, ${r.history} creates+deletes behind: evolve SecretCreated ${r.evolveUs} µs, decide CreateSecret ${r.decideUs} µs (history folded in ${r.foldMs} ms)`);
for (const r of rows.kms) console.log(`kms keyring, ${r.keys} keys: evolve KeyCreated ${r.evolveUs} µs`);
const iamLine = (label, r) =>
  `iam account${label}, ${r.users} users: evolve UserCreated ${r.evolveUs} µs, AccessKeyCreated ${r.accessKeyUs} µs, UserAddedToGroup ${r.joinUs} µs; decide CreateUser ${r.decideUs} µs; findAccessKey ${r.lookupUs} µs`;
for (const r of rows.iamBefore ?? []) console.log(iamLine(' (before)', r));
for (const r of rows.iam) console.log(iamLine(rows.iamBefore ? ' (after)' : '', r));
console.log(JSON.stringify({ aggregateGrowth: rows }));
