import { EXAMPLE_POLICY, parsePolicy, policyText } from './policy-text';

describe('policy editor text', () => {
  it('the guide’s example parses, and a stored policy comes back as the same JSON', () => {
    const parsed = parsePolicy(EXAMPLE_POLICY);
    expect(parsed.ok).toBe(true);
    if (parsed.ok) expect(parsePolicy(policyText(parsed.value))).toEqual(parsed);
  });

  it('broken JSON is refused with the parser’s reason; a statement IAM would refuse is left to IAM', () => {
    const broken = parsePolicy('{ "Version": "1.1", ');
    expect(broken.ok).toBe(false);
    if (!broken.ok) expect(broken.message).toMatch(/^The policy is not valid JSON: /);
    expect(parsePolicy('{"Version":"1.1","Statement":[{"Effect":"Allow","Action":["kms:cmk"]}]}').ok).toBe(true);
  });
});
