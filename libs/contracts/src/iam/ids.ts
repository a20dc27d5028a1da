import { IsId } from '../ids.js';

/** IAM ids (domains, projects, users, groups, roles): a malformed one is IAM.0001, not an unknown resource. */
export const IsIamId = (): PropertyDecorator => IsId('hex32', 'IAM.0001');
export const IsAccessKeyId = (): PropertyDecorator => IsId('accessKey', 'IAM.0001');
