/** KPS answers, field for field as the SDK's response models declare them. */

/** `CreateKeypairResp`: `private_key` only when KPS generated the pair and does not host it. */
export interface CreateKeypairResp {
  readonly name: string;
  readonly type: string;
  readonly public_key: string;
  readonly private_key?: string;
  readonly fingerprint: string;
  readonly user_id: string;
}

export interface CreateKeypairReply {
  readonly keypair: CreateKeypairResp;
}

export interface FailedKeypairReply {
  readonly keypair_name: string;
  readonly failed_reason: string;
}

export interface BatchImportKeypairsReply {
  readonly succeeded_keypairs: readonly CreateKeypairReply[];
  readonly failed_keypairs: readonly FailedKeypairReply[];
}

/** `Keypair` in the list (`frozen_state` is a string there). */
export interface KeypairListItem {
  readonly name: string;
  readonly type: string;
  readonly scope: string;
  readonly public_key: string;
  readonly fingerprint: string;
  readonly is_key_protection: boolean;
  readonly frozen_state: string;
}

export interface ListKeypairsReply {
  readonly keypairs: readonly { readonly keypair: KeypairListItem }[];
  readonly page_info: { readonly next_marker?: string; readonly previous_marker?: string; readonly current_count: number };
}

/** `KeypairDetail` (times in int64 seconds; DEW adds `fingerprint_sha256` and `bound_servers`). */
export interface KeypairDetailReply {
  readonly name: string;
  readonly id: number;
  readonly type: string;
  readonly scope: string;
  readonly public_key: string;
  readonly fingerprint: string;
  readonly fingerprint_sha256: string;
  readonly is_key_protection: boolean;
  readonly deleted: boolean;
  readonly description: string;
  readonly user_id: string;
  readonly create_time: number;
  readonly delete_time: number | null;
  readonly update_time: number;
  readonly frozen_state: number;
  readonly key_id: string;
  readonly algorithm: string;
  readonly bound_servers: number;
}

export interface ShowKeypairReply {
  readonly keypair: KeypairDetailReply;
}

export interface EncryptionReply {
  readonly type: string;
  readonly kms_key_name?: string;
  readonly kms_key_id?: string;
}

export interface ImportPrivateKeyReply {
  readonly keypair: { readonly name: string; readonly user_id: string; readonly key_protection: { readonly encryption: EncryptionReply } };
}

export interface ExportPrivateKeyReply {
  readonly keypair: { readonly name: string; readonly private_key: string };
}

/** `TaskResponseBody`: whether the task was accepted (its outcome: show-task, failed-tasks). */
export interface TaskAcceptedReply {
  readonly task_id: string;
  readonly server_id: string;
  readonly status: 'SUCCESS' | 'FAILED';
  readonly error_code?: string;
  readonly error_msg?: string;
}

export interface BatchAssociateKeypairReply {
  readonly tasks: readonly TaskAcceptedReply[];
}

export interface ShowTaskReply {
  readonly server_id: string;
  readonly task_id: string;
  readonly task_status: string;
}

export interface RunningTaskReply {
  readonly task_id: string;
  readonly operate_type: string;
  readonly task_time: string;
  readonly server_name: string;
  readonly server_id: string;
  readonly keypair_name: string;
}

export interface FailedTaskReply extends RunningTaskReply {
  readonly task_error_code: string;
  readonly task_error_msg: string;
}

export interface ListRunningTasksReply {
  readonly total: number;
  readonly tasks: readonly RunningTaskReply[];
}

export interface ListFailedTasksReply {
  readonly total: number;
  readonly tasks: readonly FailedTaskReply[];
}
