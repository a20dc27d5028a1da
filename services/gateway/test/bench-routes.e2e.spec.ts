import { connect, type NatsConnection } from '@nats-io/transport-node';
import { DewSystem, marker, rawSignedRequest, type RawResponse } from '@dew/testing';
import { ERROR_BODIES, codeOf } from './conformance/error-models.js';
import { conformanceErrors } from './conformance/walk.js';

// The two bench echo routes exist only when DEW_BENCH_ECHO=1 (`make bench`); a normal deployment
// answers them as any path no route serves.
let dew: DewSystem;
const bare = () => `/v1.0/${dew.credentials.project_id}/bench/bare-echo`;
const signedEcho = () => `/v1.0/${dew.credentials.project_id}/bench/echo`;
const unsigned = (path: string, body = '{}') => rawSignedRequest(dew.endpoint, dew.credentials, 'POST', path, body, { sign: false });
const refusedAsKms = (res: RawResponse) => ({ status: res.status, code: codeOf('kms', res.json), problems: conformanceErrors(res.json, ERROR_BODIES.kms) });

beforeAll(async () => {
  dew = await DewSystem.start();
});
afterAll(async () => {
  await dew?.stop();
});

it('bench routes without DEW_BENCH_ECHO: the unsigned bare-echo and the signed echo are 404 KMS.0201 in the KMS error shape', async () => {
  expect(refusedAsKms(await unsigned(bare()))).toEqual({ status: 404, code: 'KMS.0201', problems: [] });
  expect(refusedAsKms(await rawSignedRequest(dew.endpoint, dew.credentials, 'POST', signedEcho(), '{}'))).toEqual({ status: 404, code: 'KMS.0201', problems: [] });
});

it('bench routes with DEW_BENCH_ECHO=1: bare-echo answers an unsigned call with the echo responder’s reply; the signed echo still refuses an unsigned one', async () => {
  await dew.restart({ DEW_BENCH_ECHO: '1' });
  const echo: NatsConnection = await connect({ servers: dew.natsUrl, user: 'bench', pass: dew.natsPassword('bench'), inboxPrefix: '_INBOX.bench' });
  try {
    const asked: string[] = [];
    echo.subscribe('bench.echo', {
      callback: (_err, msg) => {
        asked.push(msg.string());
        msg.respond(JSON.stringify({ ok: { echo: true } }));
      },
    });
    await echo.flush();
    // A body the bench route carries to the responder; the suite's scan shows it is kept nowhere.
    const plain = marker('plaintext');
    const res = await unsigned(bare(), JSON.stringify({ plain_text: plain }));
    expect({ status: res.status, body: res.json }).toEqual({ status: 200, body: { echo: true } });
    expect(asked).toEqual([expect.stringContaining(plain)]);
    expect((await unsigned(signedEcho())).status).toBe(401);
  } finally {
    await echo.close();
  }
});
