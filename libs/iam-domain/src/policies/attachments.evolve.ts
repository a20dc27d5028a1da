/** Adding and removing one attachment, on the account's list and both its indexes. */
import type { ActiveAccount, Attachment } from '../state/account.state.js';
import { attachmentKey } from '../state/attachments.js';
import { withIndexed, withoutIndexed } from '../state/records.js';

export function withAttachment(state: ActiveAccount, attachment: Omit<Attachment, 'seq'>): ActiveAccount {
  const added: Attachment = { ...attachment, seq: state.made };
  const key = attachmentKey(added.groupId, added.policyId, added.scope);
  return {
    ...state,
    attachments: state.attachments.set(key, added),
    attachmentsByGroup: withIndexed(state.attachmentsByGroup, added.groupId, key, added),
    attachmentsByPolicy: withIndexed(state.attachmentsByPolicy, added.policyId, key, added),
    made: state.made + 1,
  };
}

export function withoutAttachment(state: ActiveAccount, attachment: Attachment): ActiveAccount {
  const key = attachmentKey(attachment.groupId, attachment.policyId, attachment.scope);
  return {
    ...state,
    attachments: state.attachments.delete(key),
    attachmentsByGroup: withoutIndexed(state.attachmentsByGroup, attachment.groupId, key),
    attachmentsByPolicy: withoutIndexed(state.attachmentsByPolicy, attachment.policyId, key),
  };
}
