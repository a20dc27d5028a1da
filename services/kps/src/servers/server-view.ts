import type { ServerFieldsDto, ServerReplyBody } from '@dew/contracts';
import type { KeypairSet, Server } from '@dew/kps-domain';
import { liveTaskOfServer, validateServerOs, validateServerStatus } from '@dew/kps-domain';

const seconds = (ms: number): number => Math.floor(ms / 1000);

export function serverView(set: KeypairSet, s: Server): ServerReplyBody {
  return {
    id: s.id, name: s.name, address: s.address, public_ip: s.publicIp ?? '', port: s.port, os: s.os, status: s.status,
    login_user: s.loginUser, sshd_config_path: s.sshdConfigPath, sshd_pid_file: s.sshdPidFile, keypair_name: s.keypairName,
    host_key: s.hostKey, has_encrypted_password: s.encryptedPassword !== null, running_task_id: liveTaskOfServer(set, s.id)?.id ?? null,
    create_time: seconds(s.createdAt), update_time: seconds(s.updatedAt),
  };
}

/** The wire's server fields as the domain names them (only those given). */
export function serverFields(f: ServerFieldsDto) {
  return {
    ...(f.name !== undefined ? { name: f.name } : {}),
    ...(f.address !== undefined ? { address: f.address } : {}),
    ...(f.public_ip !== undefined ? { publicIp: f.public_ip } : {}),
    ...(f.port !== undefined ? { port: f.port } : {}),
    ...(f.os !== undefined ? { os: validateServerOs(f.os) } : {}),
    ...(f.status !== undefined ? { status: validateServerStatus(f.status) } : {}),
    ...(f.login_user !== undefined ? { loginUser: f.login_user } : {}),
    ...(f.sshd_config_path !== undefined ? { sshdConfigPath: f.sshd_config_path } : {}),
    ...(f.sshd_pid_file !== undefined ? { sshdPidFile: f.sshd_pid_file } : {}),
    ...(f.encrypted_password !== undefined ? { encryptedPassword: f.encrypted_password } : {}),
  };
}
