/** The guide's example (6.2): authorizing users to create and import keys. */
export const EXAMPLE_POLICY = `{
  "Version": "1.1",
  "Statement": [
    {
      "Effect": "Allow",
      "Action": [
        "kms:cmk:create",
        "kms:cmk:getMaterial",
        "kms:cmk:importMaterial"
      ]
    }
  ]
}`;

export type Parsed = { readonly ok: true; readonly value: unknown } | { readonly ok: false; readonly message: string };

/**
 * The editor's text as JSON. Only the syntax is checked here: what a policy may say (version,
 * statements, action names) is IAM's to judge, and its refusal names the place (IAM.0001).
 */
export function parsePolicy(text: string): Parsed {
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch (e) {
    return { ok: false, message: `The policy is not valid JSON: ${e instanceof Error ? e.message : String(e)}` };
  }
}

/** A stored policy back as editable text. */
export const policyText = (policy: unknown): string => JSON.stringify(policy, null, 2);
