import type { ModelFields } from './model-walk.js';

/**
 * huaweicloud-sdk-nodejs-v3 services/kms/v2/model: AliasEntity (domain_id, key_id, alias,
 * alias_urn, create_time, update_time: string), which CreateAliasResponse and
 * AssociateAliasResponse carry at the top level; ListAliasResponseBody (aliases: AliasEntity[],
 * page_info: PageInfo {next_marker: string, current_count: integer}); ListSupportRegionsResponse
 * (regions: string[]).
 */
const ALIAS_ENTITY: ModelFields = {
  domain_id: 'string',
  key_id: 'string',
  alias: 'string',
  alias_urn: 'string',
  create_time: 'string',
  update_time: 'string',
};

export const ALIAS_MODELS: Readonly<Record<string, ModelFields>> = {
  'create-alias': ALIAS_ENTITY,
  'associate-alias': ALIAS_ENTITY,
  'list-aliases': {
    aliases: { type: 'array', items: { type: 'object', fields: ALIAS_ENTITY } },
    page_info: { type: 'object', fields: { next_marker: 'string', current_count: 'integer' } },
  },
  'list-support-regions': { regions: { type: 'array', items: 'string' } },
};
