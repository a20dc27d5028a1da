import type { CallRecord } from '@dew/hsm-control';
import type { Audit } from '@dew/nest-kit';
import type { HsmInstanceSets } from '../instances/instance-sets.js';
import { ApplianceReports } from './appliance-reports.js';

const NODE = { instanceId: 'inst1', nodeId: 'a' as const, serial: '01' };
const RECORD: CallRecord = { operation: 'GenerateKey', resourceId: 'k1', resourceName: 'key', code: 0, message: '', caller: 'certificate app', sourceIp: '127.0.0.1', request: { keyType: 'AES_256' } };

function reports() {
  const stored: unknown[] = [];
  const sets = { all: () => [{ projectId: 'p1', instances: new Map([['inst1', {}]]) }] } as unknown as HsmInstanceSets;
  const audit = { record: async (_ctx: unknown, trace: unknown) => void stored.push(trace) } as unknown as Audit;
  return { r: new ApplianceReports(sets, audit), stored };
}

test.each(['constructor', 'toString', '__proto__', 'hasOwnProperty'])('a call record naming the inherited property %s is refused as an operation DEW does not trace, and nothing is stored', async (operation) => {
  const { r, stored } = reports();
  await expect(r.call(NODE, { ...RECORD, operation })).rejects.toThrow(`reported an operation DEW does not trace: ${JSON.stringify(operation)}`);
  expect(stored).toEqual([]);
});

test('a call record of a declared operation is stored as its trace under the project holding the instance', async () => {
  const { r, stored } = reports();
  await r.call(NODE, RECORD);
  expect(stored).toEqual([expect.objectContaining({ traceName: 'generateHsmKey', resourceId: 'k1', serviceType: 'HSM' })]);
});
