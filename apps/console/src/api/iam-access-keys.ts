import type { AccessKeyReply, AccessKeysReply, AccessKeyView, CreatedAccessKeyReply } from '@dew/contracts/wire-replies';
import type { Api } from '../session';

/** A user's access keys (AK/SK) as IAM lists them: never with the SK, which only the creation answers, once. */
export type AccessKey = AccessKeyView;

const credentials = '/v3.0/OS-CREDENTIAL/credentials';
const credential = (ak: string) => `${credentials}/${encodeURIComponent(ak)}`;

export const listAccessKeys = async (api: Api, userId: string) => (await api<AccessKeysReply>('GET', `${credentials}?user_id=${encodeURIComponent(userId)}`)).credentials;
/** The answer holds the SK: the caller hands it straight to a file and keeps nothing of it. */
export const createAccessKey = async (api: Api, userId: string, description: string) => (await api<CreatedAccessKeyReply>('POST', credentials, { credential: { user_id: userId, description } })).credential;
export const setAccessKeyStatus = async (api: Api, ak: string, status: 'active' | 'inactive') => (await api<AccessKeyReply>('PUT', credential(ak), { credential: { status } })).credential;
export const deleteAccessKey = (api: Api, ak: string) => api('DELETE', credential(ak));
