import { csmsOperations, ctsOperations, iamOperations, kmsOperations, kpsOperations, type Operation } from './index.js';

/** The keys of a table whose rows declare no reply type (their `Rep` is `unknown`). */
type RowsWithoutReply<Table> = {
  [K in keyof Table]: Table[K] extends Operation<object, infer Rep> ? (unknown extends Rep ? K : never) : never;
}[keyof Table];
type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends (<T>() => T extends B ? 1 : 2) ? true : false;

// Checked by the compiler (`make typecheck`): exactly these rows have no reply type, and they are
// the rows no service answers yet (or a scheduler's work). A new served row without one fails here.
const KMS_WITHOUT: Equal<RowsWithoutReply<typeof kmsOperations>, 'destroyKey'> = true;
const CSMS_WITHOUT: Equal<
  RowsWithoutReply<typeof csmsOperations>,
  'expireSecretVersion' | 'notifySecretEvent'
> = true;
const IAM_WITHOUT: Equal<RowsWithoutReply<typeof iamOperations>, never> = true;
const CTS_WITHOUT: Equal<RowsWithoutReply<typeof ctsOperations>, never> = true;
const KPS_WITHOUT: Equal<RowsWithoutReply<typeof kpsOperations>, 'bindTaskOutcome'> = true;

const UNTYPED: Readonly<Record<string, readonly string[]>> = {
  kms: ['destroyKey'],
  csms: ['expireSecretVersion', 'notifySecretEvent'],
  iam: [],
  cts: [],
  kps: ['bindTaskOutcome'],
};
const TABLES: Readonly<Record<string, Readonly<Record<string, Operation>>>> = { kms: kmsOperations, csms: csmsOperations, iam: iamOperations, cts: ctsOperations, kps: kpsOperations };

describe('reply types of the operation rows', () => {
  it('the compiler-checked lists hold', () => {
    expect([KMS_WITHOUT, CSMS_WITHOUT, IAM_WITHOUT, CTS_WITHOUT, KPS_WITHOUT]).toEqual([true, true, true, true, true]);
  });

  it.each(Object.keys(TABLES))('%s: the rows without a reply type are exactly those no service answers (not built yet, or a scheduler\'s)', (table) => {
    const unanswered = Object.entries(TABLES[table] ?? {}).filter(([, op]) => !op.served).map(([key]) => key).sort();
    expect(unanswered).toEqual([...(UNTYPED[table] ?? [])].sort());
  });
});
