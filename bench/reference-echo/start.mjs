// Starts reference-echo for `make bench`: the echo microservice, then the HTTP app, each in its
// own child process on the given nats-server; resolves once both listen.
import { fork } from 'node:child_process';

function start(file, env) {
  const child = fork(new URL(file, import.meta.url), [], { env: { ...process.env, ...env }, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  return new Promise((resolve, reject) => {
    child.once('message', (m) => resolve({ child, ready: m.ready }));
    child.once('exit', (code) => reject(new Error(`reference-echo ${file} exited with ${code} before it was ready`)));
  });
}

/** `{ url, stop }`: POST `${url}/echo` answers its JSON body, through NATS. */
export async function startReferenceEcho({ natsUrl, passwordOf }) {
  const echo = await start('./echo.mjs', { BENCH_REF_NATS_URL: natsUrl, BENCH_REF_NATS_PASS: passwordOf('bench-ref-echo') });
  const http = await start('./http.mjs', { BENCH_REF_NATS_URL: natsUrl, BENCH_REF_NATS_PASS: passwordOf('bench-ref-http') }).catch((err) => {
    echo.child.kill();
    throw err;
  });
  const stop = async () => {
    for (const { child } of [http, echo]) {
      if (child.exitCode !== null) continue;
      const exited = new Promise((r) => child.once('exit', r));
      child.disconnect();
      await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
      if (child.exitCode === null) child.kill('SIGKILL');
    }
  };
  return { url: `http://127.0.0.1:${http.ready}`, stop };
}
