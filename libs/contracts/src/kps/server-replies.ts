/** DEW's server inventory answers (docs/api-decisions.md, "Servers"): types only, for the console too. */

export interface ServerReplyBody {
  readonly id: string;
  readonly name: string;
  readonly address: string;
  readonly public_ip: string;
  readonly port: number;
  readonly os: string;
  readonly status: string;
  readonly login_user: string;
  readonly sshd_config_path: string;
  readonly sshd_pid_file: string;
  readonly keypair_name: string | null;
  /** `type base64` of the host key pinned on first contact, null before. */
  readonly host_key: string | null;
  readonly has_encrypted_password: boolean;
  readonly running_task_id: string | null;
  readonly create_time: number;
  readonly update_time: number;
}

export interface ServerReply {
  readonly server: ServerReplyBody;
}

export interface ListServersReply {
  readonly total: number;
  readonly servers: readonly ServerReplyBody[];
}

export interface WindowsPasswordReply {
  readonly password: string;
}
