import type { KeyPolicyIdReply, PutKeyPolicyRequest } from '@dew/contracts';
import type { RequestContext } from '@dew/messaging';
import type { Keyrings } from '../keys/keyrings.js';
import { parseKeyPolicy } from './policy-text.js';

/** create-key-policy and update-key-policy: the text checked (KMS.2801), then the command on the caller's keyring. */
export async function putKeyPolicy(keyrings: Keyrings, ctx: RequestContext, type: 'CreateKeyPolicy' | 'UpdateKeyPolicy', req: PutKeyPolicyRequest, now: number): Promise<KeyPolicyIdReply> {
  const document = parseKeyPolicy(req.policy);
  const key = await keyrings.change(ctx, { type, keyId: req.key_id, document, now });
  return { key_id: key.keyId, policy_name: 'default' };
}
