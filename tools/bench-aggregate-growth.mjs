#!/usr/bin/env node
// The cost of one event as an aggregate's history grows (issue 19, "create-secret flat"): a CSMS
// secret set after BENCH_GROWTH (default 20 000) creates and deletes, and a KMS keyring with as
// many live keys, an IAM account with half as many users; each beside an empty one. Prints µs per evolve (and per decide of a create) at
// each size. Needs `npm run -s build`. Numbers are noisy on a shared machine: compare ratios.
import { performance } from 'node:perf_hooks';
import { initialSecretSet, secretSetDecider } from '../libs/csms-domain/dist/index.js';
import { initialKeyring, keyringDecider } from '../libs/kms-domain/dist/index.js';
import { accountDecider } from '../libs/iam-domain/dist/index.js';

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

const userCreated = (n) => ({ type: 'UserCreated', userId: id(n), domainId: 'd', name: `user-${n}`, passwordHash: null, isDomainAdmin: false, enabled: true, at: T0 + n });

function iam(users) {
  let state = accountDecider.evolve(accountDecider.initialState, { type: 'DomainCreated', domainId: 'd', name: 'd', at: T0 });
  for (let n = 1; n <= users; n++) state = accountDecider.evolve(state, userCreated(n));
  const base = SIZE * 10;
  return { users, evolveUs: micros((i) => accountDecider.evolve(state, userCreated(base + i))).toFixed(2) };
}

const rows = {
  csms: [csms(0), csms(SIZE)],
  kms: [kms(0), kms(SIZE / 2), kms(SIZE)],
  iam: [iam(0), iam(SIZE / 2)],
};
for (const r of rows.csms) console.log(`csms secret set, ${r.history} creates+deletes behind: evolve SecretCreated ${r.evolveUs} µs, decide CreateSecret ${r.decideUs} µs (history folded in ${r.foldMs} ms)`);
for (const r of rows.kms) console.log(`kms keyring, ${r.keys} keys: evolve KeyCreated ${r.evolveUs} µs`);
for (const r of rows.iam) console.log(`iam account, ${r.users} users: evolve UserCreated ${r.evolveUs} µs`);
console.log(JSON.stringify({ aggregateGrowth: rows }));
