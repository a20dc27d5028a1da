import autocannon from 'autocannon';
import { DewSystem } from '../libs/testing/dist/index.js';
import { signer } from './bench/signed.mjs';
import { readFileSync } from 'node:fs';
const dew = await DewSystem.start({ env: { DEW_LOG_LEVEL: 'warn' } });
const rss = (s) => Number(/VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${dew.servicePid(s)}/status`, 'utf8'))[1]) / 1024;
const runner = await dew.connectNats('runner');
const health = async (s) => (await runner.request(`sys.health.${s}`, '{}', { timeout: 10000 })).json().ok.details;
try {
  const api = dew.client(); const creds = dew.credentials;
  const aes = (await api.kms('create-key', { key_alias: 'm', key_spec: 'AES_256' })).body.key_info.key_id;
  const sign = signer(dew.endpoint, creds);
  const req = sign('POST', `/v1.0/${creds.project_id}/kms/encrypt-data`, { key_id: aes, plain_text: 'x'.repeat(32) });
  console.log('start audit', rss('audit').toFixed(0), JSON.stringify((await health('audit')).memory), 'kms', rss('kms').toFixed(0));
  for (let i = 0; i < Number(process.env.ROUNDS ?? 4); i++) {
    const r = await autocannon({ url: dew.endpoint, connections: 64, duration: 10, requests: [req] });
    const h = await health('audit');
    console.log(`round ${i}: ${Math.round(r.requests.average)} req/s p99 ${r.latency.p99} non2xx ${r.non2xx}; audit rss ${rss('audit').toFixed(0)} ${JSON.stringify(h.memory)} traces ${JSON.stringify(h.traces)} kms ${rss('kms').toFixed(0)} gw ${rss('gateway').toFixed(0)}`);
  }
  await new Promise((r) => setTimeout(r, 5000));
  console.log('after 5 s idle: audit', rss('audit').toFixed(0), JSON.stringify((await health('audit')).memory));
} finally { await runner.close(); await dew.stop(); }
