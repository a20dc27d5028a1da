import type { ShapeErrorCodes } from '@dew/contracts';

/** Shape errors of IAM requests (API.md §7): one code for a missing or a malformed field. */
export const IAM_SHAPE: ShapeErrorCodes = { missing: 'IAM.0001', invalid: 'IAM.0001' };
