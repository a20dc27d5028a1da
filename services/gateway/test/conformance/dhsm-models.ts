import type { CompactSpec, ModelFields, Omissions } from './model-walk.js';

/**
 * Dedicated HSM answers (DEW's own API, docs/api-decisions.md "Dedicated HSM"; the contracts'
 * `dhsm/replies.ts`): a list row has every column of guide table 4-4, the detail every field of
 * table 4-5 and DEW's additions.
 */
const LIST_ITEM: ModelFields = {
  id: 'string', name: 'string', status: 'string', edition: 'string', availability_zone: 'string', vendor: 'string', model: 'string',
  ip_address: 'string', expire_time: 'string',
};

const DETAIL_FIELDS: ModelFields = {
  ...LIST_ITEM,
  region: 'string', hsm_type: 'string', vpc_id: 'string', subnet_id: 'string', subnet_cidr: 'string', security_group_id: 'string',
  create_time: 'string', order_id: 'string', billing_mode: 'string', algorithms: { type: 'array', items: 'string' }, certification: 'string',
  contact: 'string', period_num: 'integer', auto_renew: 'boolean', node_addresses: { type: 'array', items: 'string' }, failure_cause: 'string',
  ukey_fingerprint: 'string', ukey_downloaded: 'boolean',
};
const DETAIL: CompactSpec = { type: 'object', fields: DETAIL_FIELDS };

/** The field names of a list row and of the detail: the suite checks that none is left out (null is not absent). */
export const LIST_FIELD_NAMES = Object.keys(LIST_ITEM);
export const DETAIL_FIELD_NAMES = Object.keys(DETAIL_FIELDS);

/** The figures of a point are numbers or null (a node that did not report): the suite checks them apart. */
const POINT: ModelFields = { time: 'string', instance_health: 'string' };

export const DHSM_MODELS: Readonly<Record<string, ModelFields>> = {
  'list-hsms': { instances: { type: 'array', items: { type: 'object', fields: LIST_ITEM } }, total_count: 'integer' },
  'show-hsm': { instance: DETAIL },
  'show-hsm-ca-certificate': { instance_id: 'string', ca_certificate: 'string', fingerprint: 'string' },
  'download-hsm-ukey': { instance_id: 'string', algorithm: 'string', public_key: 'string', private_key: 'string', fingerprint: 'string' },
  'show-hsm-monitoring': { instance_id: 'string', series: { type: 'array', items: { type: 'object', fields: POINT } } },
};

/** What a Running instance may send as null: only the cause of a failed creation. */
export const RUNNING_NULLS: Omissions = { 'instance.failure_cause': 'set only when the creation failed' };

/** Before activation: the activation's fields, the addresses and the expiry are not known yet. */
export const UNACTIVATED_NULLS: Omissions = Object.fromEntries(
  ['availability_zone', 'ip_address', 'expire_time', 'hsm_type', 'vpc_id', 'subnet_id', 'subnet_cidr', 'security_group_id', 'period_num', 'auto_renew', 'failure_cause', 'ukey_fingerprint']
    .map((f) => [`instance.${f}`, 'not known before activation']),
);

