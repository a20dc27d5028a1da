import { IsId, type ShapeErrorCodes } from '@dew/contracts';

/** Shape errors of IAM requests: one code for a missing or a malformed field. */
export const IAM_SHAPE: ShapeErrorCodes = { missing: 'IAM.0001', invalid: 'IAM.0001' };

/** IAM ids (domains, projects, users, groups, roles): a malformed one is IAM.0001, not an unknown resource. */
export const IsIamId = (): PropertyDecorator => IsId('hex32', 'IAM.0001');
export const IsAccessKeyId = (): PropertyDecorator => IsId('accessKey', 'IAM.0001');
