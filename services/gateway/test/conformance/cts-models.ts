import type { Model } from './walk.js';

/**
 * CTS v3 ListTraces, written from the SDK models (huaweicloud-sdk-nodejs-v3
 * services/cts/v3/model: ListTracesResponse, MetaData, Traces, UserInfo, BaseUser, SessionContext,
 * Attributes). Every field is optional in the models; DEW sends all of them but those marked here.
 */
const BASE_USER: Model = { id: { type: 'string' }, name: { type: 'string' } };

const ATTRIBUTES: Model = { created_at: { type: 'string' }, mfa_authenticated: { type: 'string' } };

const USER_INFO: Model = {
  id: { type: 'string' },
  name: { type: 'string' },
  user_name: { type: 'string' },
  domain: { type: 'object', fields: BASE_USER },
  account_id: { type: 'string' },
  access_key_id: { type: 'string' },
  principal_urn: { type: 'string' },
  principal_id: { type: 'string' },
  principal_is_root_user: { type: 'string' },
  type: { type: 'string' },
  invoked_by: { type: 'array', omitted: 'only a console session is invoked by another service ("service.console"); API calls are made by the user itself' },
  session_context: {
    type: 'object',
    omitted: 'describes temporary security credentials (agency/federation sessions), which DEW does not issue',
    fields: { attributes: { type: 'object', fields: ATTRIBUTES } },
  },
};

export const TRACES: Model = {
  resource_id: { type: 'string' },
  trace_name: { type: 'string' },
  trace_rating: { type: 'string' },
  trace_type: { type: 'string' },
  request: { type: 'string' },
  response: { type: 'string' },
  code: { type: 'string' },
  api_version: { type: 'string' },
  message: { type: 'string' },
  record_time: { type: 'integer' },
  trace_id: { type: 'string' },
  time: { type: 'integer' },
  user: { type: 'object', fields: USER_INFO },
  service_type: { type: 'string' },
  resource_type: { type: 'string' },
  source_ip: { type: 'string' },
  resource_name: { type: 'string' },
  request_id: { type: 'string' },
  location_info: { type: 'string' },
  endpoint: { type: 'string' },
  resource_url: { type: 'string' },
  enterprise_project_id: { type: 'string' },
  resource_account_id: { type: 'string', omitted: 'set only for an operation on a resource of another account; DEW does not record it (docs/cts-traces.md)' },
  read_only: { type: 'boolean' },
  operation_id: { type: 'string' },
};

/** A page that has a next one (the last page's `marker` is null: no more pages). */
export const LIST_TRACES_RESPONSE: Model = {
  traces: { type: 'array', fields: TRACES },
  meta_data: { type: 'object', fields: { count: { type: 'integer' }, marker: { type: 'string' } } },
};
