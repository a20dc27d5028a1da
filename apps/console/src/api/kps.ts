import type {
  BatchAssociateKeypairReply,
  CreateKeypairReply,
  ExportPrivateKeyReply,
  KeypairDetailReply,
  KeypairListItem,
  ListFailedTasksReply,
  ListKeypairsReply,
  ListRunningTasksReply,
  ListServersReply,
  ServerReply,
  ServerReplyBody,
  ShowKeypairReply,
  ShowTaskReply,
  TaskAcceptedReply,
  WindowsPasswordReply,
} from '@dew/contracts/wire-replies';
import type { Api } from '../session';

export type { KeypairDetailReply as KeypairDetail, KeypairListItem, ServerReplyBody as Server };
export type { FailedTaskReply as FailedTask, RunningTaskReply as RunningTask } from '@dew/contracts/wire-replies';

const keypairs = '/v3/{project_id}/keypairs';
const keypairPath = (name: string) => `${keypairs}/${encodeURIComponent(name)}`;
const servers = '/v3/{project_id}/dew-servers';

/** KMS protection of a hosted private key: `kps/default` (made on first use) or a chosen key. */
export const encryptionOf = (kmsKeyId: string) => (kmsKeyId ? { type: 'kms', kms_key_id: kmsKeyId } : { type: 'default', kms_key_name: 'kps/default' });

export const listKeypairs = async (api: Api, marker?: string) => {
  const page = await api<ListKeypairsReply>('GET', `${keypairs}?limit=50${marker ? `&marker=${encodeURIComponent(marker)}` : ''}`);
  return { keypairs: page.keypairs.map((k) => k.keypair), next: page.page_info.next_marker };
};
export const showKeypair = async (api: Api, name: string) => (await api<ShowKeypairReply>('GET', keypairPath(name))).keypair;

export interface NewKeypair {
  readonly name: string;
  readonly algorithm: string;
  /** An imported public key; without it KPS generates the pair. */
  readonly publicKey?: string;
  /** Hosting: the private key to import (with a public key), or true to host the generated one. */
  readonly hosted?: { readonly privateKey?: string; readonly kmsKeyId: string };
}

/** Create or import; the answer's `private_key` (a generated pair KPS does not host) is there once. */
export async function createKeypair(api: Api, k: NewKeypair) {
  const body = {
    name: k.name,
    ...(k.publicKey ? { public_key: k.publicKey } : { algorithm: k.algorithm }),
    ...(k.hosted ? { key_protection: { ...(k.hosted.privateKey ? { private_key: k.hosted.privateKey } : {}), encryption: encryptionOf(k.hosted.kmsKeyId) } } : {}),
  };
  return (await api<CreateKeypairReply>('POST', keypairs, { keypair: body })).keypair;
}
export const deleteKeypair = (api: Api, name: string) => api('DELETE', keypairPath(name));
export const updateKeypairDescription = (api: Api, name: string, description: string) => api('PUT', keypairPath(name), { keypair: { description } });
export const importPrivateKey = (api: Api, name: string, privateKey: string, kmsKeyId: string) =>
  api('POST', `${keypairs}/private-key/import`, { keypair: { name, key_protection: { private_key: privateKey, encryption: encryptionOf(kmsKeyId) } } });
export const exportPrivateKey = async (api: Api, name: string) => (await api<ExportPrivateKeyReply>('POST', `${keypairs}/private-key/export`, { keypair: { name } })).keypair.private_key;
export const clearPrivateKey = (api: Api, name: string) => api('DELETE', `${keypairPath(name)}/private-key`);

export const listServers = async (api: Api) => (await api<ListServersReply>('GET', `${servers}?limit=1000`)).servers;
export interface NewServer {
  readonly name: string;
  readonly address: string;
  readonly port: number;
  readonly login_user: string;
  readonly sshd_config_path: string;
  readonly sshd_pid_file: string;
}
export const registerServer = async (api: Api, server: NewServer) => (await api<ServerReply>('POST', servers, { server })).server;
export const removeServer = (api: Api, id: string) => api('DELETE', `${servers}/${encodeURIComponent(id)}`);

/** How KPS logs in to the server for a task: its password, or the private key it accepts now. */
export interface ServerLogin {
  readonly type: 'password' | 'keypair';
  readonly key: string;
}

/** Bind, replace or reset (one call, docs/api-decisions.md "KPS"): the task is accepted or refused at once. */
export const associate = (api: Api, keypairName: string, serverId: string, login: ServerLogin | null, disablePassword: boolean) =>
  api<TaskAcceptedReply>('POST', `${keypairs}/associate`, {
    keypair_name: keypairName,
    server: { id: serverId, ...(login ? { auth: login } : {}), disable_password: disablePassword },
  });
export const disassociate = (api: Api, serverId: string, login: ServerLogin | null) =>
  api<TaskAcceptedReply>('POST', `${keypairs}/disassociate`, { server: { id: serverId, ...(login ? { auth: login } : {}) } });

export const showTask = (api: Api, taskId: string) => api<ShowTaskReply>('GET', `/v3/{project_id}/tasks/${encodeURIComponent(taskId)}`);
export const listRunningTasks = async (api: Api) => (await api<ListRunningTasksReply>('GET', '/v3/{project_id}/running-tasks')).tasks;
export const listFailedTasks = async (api: Api) => (await api<ListFailedTasksReply>('GET', '/v3/{project_id}/failed-tasks')).tasks;
export const deleteFailedTask = (api: Api, taskId: string) => api('DELETE', `/v3/{project_id}/failed-tasks/${encodeURIComponent(taskId)}`);
export const deleteAllFailedTasks = (api: Api) => api('DELETE', '/v3/{project_id}/failed-tasks');

/** Guide 3.3: a user key pair becomes an account key pair, usable by every user of the account. */
export const upgradeKeypair = (api: Api, name: string) => api('PUT', keypairPath(name), { keypair: { scope: 'domain' } });

/** Several servers at once (at most 10): each is accepted, with its task, or refused on its own. */
export const batchAssociate = async (api: Api, keypairName: string, serverIds: readonly string[], login: ServerLogin | null, disablePassword: boolean) =>
  (
    await api<BatchAssociateKeypairReply>('POST', `${keypairs}/batch-associate`, {
      batch_keypairs: serverIds.map((id) => ({ keypair_name: keypairName, server: { id, ...(login ? { auth: login } : {}), disable_password: disablePassword } })),
    })
  ).tasks;

export type ServerChange = Partial<NewServer> & { readonly os?: string; readonly status?: string };
export const updateServer = async (api: Api, id: string, server: ServerChange) => (await api<ServerReply>('PUT', `${servers}/${encodeURIComponent(id)}`, { server })).server;

/** Guide 3.7: a Windows server's administrator password, opened with a private key (never kept) or a key pair's hosted one. */
export const windowsPassword = async (api: Api, serverId: string, with_: { readonly private_key: string } | { readonly keypair_name: string }) =>
  (await api<WindowsPasswordReply>('POST', `${servers}/${encodeURIComponent(serverId)}/windows-password`, with_)).password;
