import type { Model } from './walk.js';

/**
 * huaweicloud-sdk-nodejs-v3 services/kms/v2/model: ApiLink (href, rel: string) and
 * ApiVersionDetail (id, links: ApiLink[], version, status, updated, min_version: string). The
 * model marks every field optional; DEW sends them all.
 */
const API_VERSION_DETAIL: Model = {
  id: { type: 'string' },
  links: { type: 'array', fields: { href: { type: 'string' }, rel: { type: 'string' } } },
  version: { type: 'string' },
  status: { type: 'string' },
  updated: { type: 'string' },
  min_version: { type: 'string' },
};

/** ShowVersionsResponse: `versions: ApiVersionDetail[]` (GET /). */
export const SHOW_VERSIONS: Model = { versions: { type: 'array', fields: API_VERSION_DETAIL } };

/** ShowVersionResponse: `version` (typed `object`; its content is an ApiVersionDetail, GET /{version_id}). */
export const SHOW_VERSION: Model = { version: { type: 'object', fields: API_VERSION_DETAIL } };
