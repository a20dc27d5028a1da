import type { Instant } from '@dew/decider';
import type { TaskOperation } from '../state/keypair-set.js';

/** Events of bind tasks: started (READY or RUNNING), running, and ending in success or failure. */

export interface BindTaskStarted {
  readonly type: 'BindTaskStarted';
  readonly taskId: string;
  readonly projectId: string;
  readonly serverId: string;
  /** The pair bound, or for UNBIND the pair removed. */
  readonly keypairName: string;
  readonly keypairId: number;
  readonly operation: TaskOperation;
  /** READY: waits for its shut-down server to run (BindTaskRunning). */
  readonly status: 'READY' | 'RUNNING';
  readonly disablePassword: boolean;
  /**
   * The KPS process that runs a RUNNING task (docs/kps.md, "Bind tasks"). Absent for a READY one
   * (BindTaskRunning names it) and in events written before runners were recorded.
   */
  readonly runner?: string;
  readonly at: Instant;
}
/** An unbind started: its own type, so its trace is `disassociateKeypair`, not a bind's. */
export interface UnbindTaskStarted extends Omit<BindTaskStarted, 'type' | 'operation'> {
  readonly type: 'UnbindTaskStarted';
  readonly operation: 'UNBIND';
}
export interface BindTaskRunning {
  readonly type: 'BindTaskRunning';
  readonly taskId: string;
  /** The KPS process that runs it; absent in events written before runners were recorded. */
  readonly runner?: string;
  readonly at: Instant;
}
/** A RESET or REPLACE succeeded: the server is bound to the task's pair. */
export interface KeypairBound {
  readonly type: 'KeypairBound';
  readonly taskId: string;
  readonly serverId: string;
  readonly keypairName: string;
  readonly keypairId: number;
  readonly at: Instant;
}
/** An UNBIND succeeded: the server is bound to no pair. */
export interface KeypairUnbound {
  readonly type: 'KeypairUnbound';
  readonly taskId: string;
  readonly serverId: string;
  readonly keypairName: string;
  readonly keypairId: number;
  readonly at: Instant;
}
/** The server's binding is unchanged. The message is the service's, free of credentials. */
export interface BindTaskFailed {
  readonly type: 'BindTaskFailed';
  readonly taskId: string;
  readonly errorCode: string;
  readonly errorMessage: string;
  readonly at: Instant;
}
export interface FailedTaskDeleted {
  readonly type: 'FailedTaskDeleted';
  readonly taskId: string;
  readonly at: Instant;
}
export interface FailedTasksDeleted {
  readonly type: 'FailedTasksDeleted';
  readonly projectId: string;
  readonly taskIds: readonly string[];
  readonly at: Instant;
}

export type TaskEvent =
  | BindTaskStarted
  | UnbindTaskStarted
  | BindTaskRunning
  | KeypairBound
  | KeypairUnbound
  | BindTaskFailed
  | FailedTaskDeleted
  | FailedTasksDeleted;
