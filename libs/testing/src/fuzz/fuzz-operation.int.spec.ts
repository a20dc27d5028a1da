import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { kmsOperations } from '@dew/contracts';
import { FUZZ_FIXTURE_NAMES } from './field-values.js';
import { fuzzFailure, fuzzOperation, type FuzzRun } from './fuzz-operation.js';
import type { FuzzTarget } from './send.js';

// The oracle and property the e2e fuzz suite runs, pointed at a tiny real HTTP server with a
// planted fault: the run must fail and name the request (docs/input-limits.md, "Fuzzing").
type Answer = (body: string) => { status: number; body: object; refusalAppends?: boolean };

const KMS_REFUSAL = { error: { error_code: 'KMS.0308', error_msg: 'invalid' } };
const FIXTURES = Object.fromEntries(FUZZ_FIXTURE_NAMES.map((n) => [n, `fixture-${n}`]));
const RUN: FuzzRun = { seed: 22, numRuns: 300 };

let server: Server;
let answer: Answer;
let appended = 0;

beforeAll(async () => {
  // Long enough for every request line the arbitrary makes (Node answers 431 itself past 16 KiB).
  server = createServer({ maxHeaderSize: 1024 * 1024 }, (req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const a = answer(Buffer.concat(chunks).toString('utf8'));
      if (a.refusalAppends) appended++;
      res.writeHead(a.status, { 'content-type': 'application/json' }).end(JSON.stringify(a.body));
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
});
afterAll(async () => {
  await new Promise((r) => server.close(r));
});

const target = (): FuzzTarget => ({
  endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
  credentials: { access: 'FUZZACCESSKEY0000000', secret: 'fuzz-secret', project_id: 'fixture-project_id' },
});
const probe = async () => ({ EVT_PLANTED: appended });
const fuzzCreateKey = () => fuzzOperation(target(), kmsOperations.createKey, FIXTURES, probe, RUN);

it('a server refusing every request in the KMS shape passes the oracle', async () => {
  answer = () => ({ status: 400, body: KMS_REFUSAL });
  expect(fuzzFailure(await fuzzCreateKey())).toBeUndefined();
});

it('a planted 500 for a body holding 1e309 fails the run, with that request as the counterexample', async () => {
  answer = (body) => (body.includes('1e309') ? { status: 500, body: { error: { error_code: 'KMS.0101', error_msg: 'boom' } } } : { status: 400, body: KMS_REFUSAL });
  const details = await fuzzCreateKey();
  expect(details.failed).toBe(true);
  expect(String(details.counterexample?.[0].body)).toContain('1e309');
  expect(fuzzFailure(details)).toContain('create-key: answered 500');
});

it('a refusal in another family\'s shape (CSMS\'s flat body on a KMS route) fails the run', async () => {
  answer = () => ({ status: 400, body: { error_code: 'CSMS.0004', error_msg: 'invalid' } });
  expect(fuzzFailure(await fuzzCreateKey())).toContain('no nested "error" object (the kms shape)');
});

it('a refusal that appends an event (a stream moved) fails the run, naming the stream', async () => {
  answer = (body) => ({ status: 400, body: KMS_REFUSAL, refusalAppends: body.includes('__proto__') });
  expect(fuzzFailure(await fuzzCreateKey())).toMatch(/the refusal moved stream EVT_PLANTED from \d+ to \d+/);
});
