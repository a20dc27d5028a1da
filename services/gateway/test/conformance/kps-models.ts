import type { CompactSpec, ModelFields } from './model-walk.js';

/** The SDK's `CreateKeypairResp` (`private_key` only for a generated, unhosted pair). */
const CREATE_KEYPAIR_RESP: CompactSpec = { type: 'object', fields: {
  name: 'string', type: 'string', public_key: 'string', fingerprint: 'string', user_id: 'string',
} };

/** The SDK's `Keypair` of the list (`frozen_state` a string there). */
const KEYPAIR: CompactSpec = { type: 'object', fields: {
  name: 'string', type: 'string', scope: 'string', public_key: 'string', fingerprint: 'string', is_key_protection: 'boolean', frozen_state: 'string',
} };

/** The SDK's `KeypairDetail`. */
const KEYPAIR_DETAIL: CompactSpec = { type: 'object', fields: {
  name: 'string', id: 'integer', type: 'string', scope: 'string', public_key: 'string', fingerprint: 'string', is_key_protection: 'boolean',
  deleted: 'boolean', description: 'string', user_id: 'string', create_time: 'integer', update_time: 'integer', frozen_state: 'integer',
  key_id: 'string', algorithm: 'string',
} };

const TASK_RESPONSE: ModelFields = { task_id: 'string', server_id: 'string', status: 'string' };
const RUNNING_TASK: ModelFields = { task_id: 'string', operate_type: 'string', task_time: 'string', server_name: 'string', server_id: 'string', keypair_name: 'string' };

/** KPS's response models (`KpsClient` v3), by operation. */
export const KPS_MODELS: Readonly<Record<string, ModelFields>> = {
  /** CreateKeypairResponse */
  'create-keypair': { keypair: CREATE_KEYPAIR_RESP },
  /** ListKeypairsResponse */
  'list-keypairs': {
    keypairs: { type: 'array', items: { type: 'object', fields: { keypair: KEYPAIR } } },
    page_info: { type: 'object', fields: { current_count: 'integer' } },
  },
  /** ListKeypairDetailResponse */
  'show-keypair': { keypair: KEYPAIR_DETAIL },
  /** ImportPrivateKeyResponse */
  'import-private-key': {
    keypair: { type: 'object', fields: { name: 'string', user_id: 'string', key_protection: { type: 'object', fields: { encryption: { type: 'object', fields: { type: 'string' } } } } } },
  },
  /** ExportPrivateKeyResponse */
  'export-private-key': { keypair: { type: 'object', fields: { name: 'string', private_key: 'string' } } },
  /** BatchImportKeypairResponse */
  'batch-import-keypairs': {
    succeeded_keypairs: { type: 'array', items: { type: 'object', fields: { keypair: CREATE_KEYPAIR_RESP } } },
    failed_keypairs: { type: 'array', items: { type: 'object', fields: { keypair_name: 'string', failed_reason: 'string' } } },
  },
  /** AssociateKeypairResponse / DisassociateKeypairResponse */
  'associate-keypair': TASK_RESPONSE,
  /** BatchAssociateKeypairResponse */
  'batch-associate-keypair': { tasks: { type: 'array', items: { type: 'object', fields: TASK_RESPONSE } } },
  /** ListKeypairTaskResponse */
  'show-task': { server_id: 'string', task_id: 'string', task_status: 'string' },
  /** ListRunningTaskResponse */
  'list-running-tasks': { total: 'integer', tasks: { type: 'array', items: { type: 'object', fields: RUNNING_TASK } } },
  /** ListFailedTaskResponse */
  'list-failed-tasks': {
    total: 'integer',
    tasks: { type: 'array', items: { type: 'object', fields: { ...RUNNING_TASK, task_error_code: 'string', task_error_msg: 'string' } } },
  },
};
