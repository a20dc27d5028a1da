import { subjectMatches } from './subject-match.js';

describe('subjectMatches (nats-server permission semantics)', () => {
  it.each([
    ['iam.>', 'iam.create-group', true],
    ['iam.>', 'iam', false],
    ['iam.>', 'iam.a.b', true],
    ['sys.health.*', 'sys.health.kms', true],
    ['sys.health.*', 'sys.health.kms.x', false],
    ['kms.create-datakey', 'kms.create-datakey', true],
    ['kms.create-datakey', 'kms.create-datakeys', false],
    ['$JS.API.CONSUMER.*.EVT_KMS', '$JS.API.CONSUMER.CREATE.EVT_KMS', true],
    ['a.>.b', 'a.x.b', false],
  ])('pattern %s against %s: %s', (pattern, subject, expected) => {
    expect(subjectMatches(pattern, subject)).toBe(expected);
  });
});
