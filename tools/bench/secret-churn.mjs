// create-secret as one project's history grows (issue 19): create+delete pairs in one project
// (the secret set's maps are persistent and deleted secrets leave it: docs/architecture.md), then
// create-secret in that project and in a fresh one beside it, alternately, in the same minute.
import { callers, send, signer } from './signed.mjs';

/** Creates and deletes secrets in `creds`'s project; `pairs(prefix, from, to)` answers pairs/s. */
export function secretChurner(endpoint, creds, connections) {
  const sign = signer(endpoint, creds);
  const base = `/v1/${creds.project_id}/secrets`;
  const expect = async (req, status, what) => {
    const r = await send(endpoint, req);
    if (r.status !== status) throw new Error(`${what}: ${r.status} ${r.body}`);
  };
  const create = (name) => expect(sign('POST', base, { name, secret_string: 'v' }), 200, `create-secret ${name}`);
  const remove = (name) => expect(sign('DELETE', `${base}/${name}`), 204, `delete-secret ${name}`);
  return {
    pairs: (prefix, from, to) => callers(from, to, connections, async (i) => {
      await create(`${prefix}-${i}`);
      await remove(`${prefix}-${i}`);
    }),
    /** create-secret alone (answers creates/s), then the deletes, not timed: the project's quota is 200 secrets. */
    async creates(prefix, count) {
      const perS = await callers(0, count, connections, (i) => create(`${prefix}-${i}`));
      await callers(0, count, connections, (i) => remove(`${prefix}-${i}`));
      return perS;
    },
  };
}

/** A block of create+delete pairs: the history grows by 2 × BLOCK events per block. */
const BLOCK = 1000;
/** create-secret figures: ROUNDS rounds of CREATES creates in each project, alternating. */
const ROUNDS = 4;
const CREATES = 150;

export async function secretChurnScenario({ dew, say, connections, total }) {
  const churned = secretChurner(dew.endpoint, await dew.bootstrapDomain('bench-churn'), connections);
  const fresh = secretChurner(dew.endpoint, await dew.bootstrapDomain('bench-fresh'), connections);
  const blocks = [];
  for (let done = 0; done < total; done += BLOCK) {
    const perS = await churned.pairs('churn', done, Math.min(total, done + BLOCK));
    blocks.push({ history: 2 * done, pairs_per_s: perS });
    say.step(`secret churn: ${(done + BLOCK).toLocaleString('en-US')} of ${total.toLocaleString('en-US')} pairs, ${perS} pairs/s`);
  }
  const rates = { churned: [], fresh: [] };
  for (let round = 0; round < ROUNDS; round++) {
    rates.fresh.push(await fresh.creates(`fresh-${round}`, CREATES));
    rates.churned.push(await churned.creates(`after-${round}`, CREATES));
  }
  const mean = (xs) => Math.round(xs.reduce((a, b) => a + b, 0) / xs.length);
  const figures = { pairs: total, history_events: 2 * total, blocks, create_secret: { churned_per_s: mean(rates.churned), fresh_per_s: mean(rates.fresh), rounds: ROUNDS, creates_per_round: CREATES } };
  figures.create_secret.ratio = Number((figures.create_secret.churned_per_s / figures.create_secret.fresh_per_s).toFixed(2));
  say.step(`create-secret after ${(2 * total).toLocaleString('en-US')} creates and deletes: ${figures.create_secret.churned_per_s}/s, fresh project ${figures.create_secret.fresh_per_s}/s`);
  return figures;
}
