#!/usr/bin/env node
// Client CPU per bus request, nats.js `request` against DEW's RequestMux (docs/performance.md "The
// bus request path"): one process asks a local echo responder ROUNDS × N requests, 64 in flight,
// and counts its own CPU time (process.cpuUsage) for each path, alternating, so a busy machine
// slows both alike. The responder runs in the same process and its CPU is counted too, equally.
import { startTestNats } from '../../libs/testing/dist/index.js';
import { connectNats, RequestMux } from '../../libs/messaging/dist/index.js';

const N = Number(process.env.BUS_CPU_REQUESTS ?? 20_000);
const ROUNDS = Number(process.env.BUS_CPU_ROUNDS ?? 3);
const IN_FLIGHT = 64;
const nats = await startTestNats();
try {
  const service = await nats.connect({ actsAs: 'kms' });
  const reply = new TextEncoder().encode(JSON.stringify({ ok: { echo: true } }));
  service.subscribe('bench.cpu', { callback: (_err, msg) => msg.respond(reply) });
  await service.flush();
  // As the services connect (no async traces), so nats.js builds only the Error of `cancel`.
  const caller = await connectNats({ servers: nats.url, name: 'bus-cpu', actsAs: 'gateway' });
  const body = new TextEncoder().encode('{"key_id":"k","plain_text":"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"}');
  const paths = {
    'nats.js request': () => caller.request('bench.cpu', body, { timeout: 30_000 }),
    'RequestMux': () => RequestMux.of(caller).request('bench.cpu', body, undefined, 30_000),
  };
  const run = async (ask) => {
    let sent = 0;
    const worker = async () => {
      while (sent < N) {
        sent++;
        await ask();
      }
    };
    const before = process.cpuUsage();
    await Promise.all(Array.from({ length: IN_FLIGHT }, worker));
    const used = process.cpuUsage(before);
    return (used.user + used.system) / N;
  };
  for (const ask of Object.values(paths)) await run(ask); // warm-up
  for (let round = 1; round <= ROUNDS; round++) {
    const line = [];
    for (const [name, ask] of Object.entries(paths)) line.push(`${name} ${(await run(ask)).toFixed(1)} µs`);
    console.log(`round ${round}: ${line.join(', ')} of CPU per request (caller and responder)`);
  }
  await caller.close();
} finally {
  await nats.stop();
}
