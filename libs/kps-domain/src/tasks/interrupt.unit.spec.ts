import {
  OTHER_RUNNER,
  PROJECT,
  RUNNER,
  T0,
  bind,
  complete,
  created,
  given,
  history,
  hosted,
  registered,
  serverId,
  shutDown,
  stateAfter,
  taskId,
  unbind,
} from '../fixtures.spec.js';
import type { KeypairSetEvent } from '../keypair-set.decider.js';
import { findServer } from '../state/queries.js';
import type { BindTaskFailed } from './events.js';
import type { InterruptOverdueTasks, InterruptRunnerTasks } from './interrupt.js';

const INTERRUPTED = { errorCode: 'KPS.2006', errorMessage: 'interrupted' };
const now = T0 + 5000;
const restartOf = (runner: string): InterruptRunnerTasks => ({ type: 'InterruptRunnerTasks', runner, ...INTERRUPTED, now });
const overdue = (runningBefore: number): InterruptOverdueTasks => ({ type: 'InterruptOverdueTasks', runningBefore, ...INTERRUPTED, now });
const failed = (n: number): BindTaskFailed => ({ type: 'BindTaskFailed', taskId: taskId(n), ...INTERRUPTED, at: now });

/**
 * Servers 1..4, pairs 1 and 2. Task 1 RUNNING on RUNNER (started T0+1001), task 2 RUNNING on
 * OTHER_RUNNER (T0+1002), task 3 an UNBIND RUNNING on RUNNER (T0+1003), task 4 READY on shut-down
 * server 4 (bound to pair 1, hosted).
 */
const world = history(
  [created(1, { privateKey: hosted(1) }), created(2), registered(1), registered(2), registered(3), registered(4)],
  bind(4, 1, 9),
  complete(9),
  bind(3, 2, 8),
  complete(8),
  bind(1, 1, 1),
  bind(2, 1, 2, { runner: OTHER_RUNNER }),
  unbind(3, 3),
  shutDown(4),
  bind(4, 2, 4),
);

/** A task started RUNNING by an event written before runners were recorded (no `runner` field). */
const legacyStarted: KeypairSetEvent = {
  type: 'BindTaskStarted',
  taskId: taskId(5),
  projectId: PROJECT,
  serverId: serverId(5),
  keypairName: 'pair-0001',
  keypairId: 1,
  operation: 'RESET',
  status: 'RUNNING',
  disablePassword: false,
  at: T0 + 1005,
};
const withLegacy = [...world, registered(5), legacyStarted];

describe('the runner of a task', () => {
  it('folded: a RUNNING task names the runner that started it; a READY one none; an event from before runners were recorded, none', () => {
    const state = stateAfter(...withLegacy);
    expect(state.tasks.get(taskId(1))).toMatchObject({ status: 'RUNNING', runner: RUNNER, runningSince: T0 + 1001 });
    expect(state.tasks.get(taskId(2))).toMatchObject({ runner: OTHER_RUNNER });
    expect(state.tasks.get(taskId(4))).toMatchObject({ status: 'READY', runner: null, runningSince: null });
    expect(state.tasks.get(taskId(5))).toMatchObject({ status: 'RUNNING', runner: null, runningSince: T0 + 1005 });
  });

  it('a READY start records no runner: the one that later runs it is named by BindTaskRunning', () => {
    given(world.slice(0, -1))
      .when(bind(4, 2, 6))
      .thenSucceeds((events) => {
        expect(events).toEqual([expect.objectContaining({ type: 'BindTaskStarted', status: 'READY' })]);
        expect(events[0]).not.toHaveProperty('runner');
      });
  });

  it('an empty runner, one with a space, or one over 128 characters: refused KPS.0002 naming runner', () => {
    given(world).when(bind(1, 2, 6, { runner: '' })).thenRefuses({ code: 'KPS.0002', message: 'runner must be 1..128 characters' });
    given(world).when(bind(1, 2, 6, { runner: 'kps #1' })).thenRefuses({ code: 'KPS.0002', message: 'runner' });
    given(world).when(unbind(3, 6, { runner: 'k'.repeat(129) })).thenRefuses({ code: 'KPS.0002', message: 'runner' });
  });
});

describe('InterruptRunnerTasks (a runner starting again)', () => {
  it("fails its own RUNNING tasks as interrupted; another runner's and READY tasks stay", () => {
    given(world).when(restartOf(RUNNER)).then([failed(1), failed(3)]);
    given(world)
      .when(restartOf(RUNNER))
      .thenSucceeds((_, state) => {
        expect(state.tasks.get(taskId(1))).toMatchObject({ status: 'FAILED', errorCode: 'KPS.2006', finishedAt: now });
        expect(state.tasks.get(taskId(2))).toMatchObject({ status: 'RUNNING', runner: OTHER_RUNNER });
        expect(state.tasks.get(taskId(4))).toMatchObject({ status: 'READY' });
        expect(findServer(state, PROJECT, serverId(3))).toMatchObject({ keypairId: 2 });
      });
  });

  it('a replica restarting while another runs a task: the other\'s task stays RUNNING', () => {
    given(world).when(restartOf(OTHER_RUNNER)).then([failed(2)]);
    given(world).when(restartOf('kps#3@host-b')).then([]);
  });

  it('a task of no recorded runner (an event from before): failed by any runner\'s restart, as before', () => {
    given(withLegacy).when(restartOf(OTHER_RUNNER)).then([failed(2), failed(5)]);
  });

  it('nothing of its own RUNNING (or already failed by the other replica): no events', () => {
    given(history(world, restartOf(RUNNER))).when(restartOf(RUNNER)).then([]);
  });

  it('an empty runner or error code: refused KPS.0002', () => {
    given(world).when(restartOf('')).thenRefuses({ code: 'KPS.0002', message: 'runner' });
    given(world).when({ ...restartOf(RUNNER), errorCode: '' }).thenRefuses({ code: 'KPS.0002', message: 'error_code' });
  });
});

describe('InterruptOverdueTasks (the deadline sweep)', () => {
  it('fails every task RUNNING since before the bound, whichever runner; READY tasks and younger ones stay', () => {
    given(withLegacy).when(overdue(T0 + 1003)).then([failed(1), failed(2)]);
    given(withLegacy).when(overdue(T0 + 10_000)).then([failed(1), failed(2), failed(3), failed(5)]);
  });

  it('a task RUNNING exactly since the bound is not past it', () => {
    given(world).when(overdue(T0 + 1001)).then([]);
  });

  it('a task that waited READY counts from when it began RUNNING, not from when it was asked for', () => {
    const startUp = { type: 'ChangeServer' as const, projectId: PROJECT, serverId: serverId(4), status: 'Running' as const, now: T0 + 4000 };
    const ran = history(world, startUp, { type: 'RunReadyTask', taskId: taskId(4), runner: OTHER_RUNNER, now: T0 + 4000 });
    given(ran).when(overdue(T0 + 3000)).then([failed(1), failed(2), failed(3)]);
    given(ran).when(overdue(T0 + 4001)).then([failed(1), failed(2), failed(3), failed(4)]);
  });

  it('two replicas sweeping at once: the later decides on the state after the first and decides to nothing', () => {
    given(history(world, overdue(T0 + 10_000))).when(overdue(T0 + 10_000)).then([]);
  });
});

describe("the runner's outcome after its task was interrupted", () => {
  const interrupted = history(world, overdue(T0 + 10_000));

  it('its success decides to nothing: the task stays FAILED (interrupted) and the server keeps its old binding', () => {
    given(interrupted).when(complete(1)).then([]);
    given(interrupted).when(complete(3)).then([]);
    const state = stateAfter(...interrupted);
    expect(state.tasks.get(taskId(1))).toMatchObject({ status: 'FAILED', errorCode: 'KPS.2006' });
    expect(findServer(state, PROJECT, serverId(1))).toMatchObject({ keypairId: null });
    expect(findServer(state, PROJECT, serverId(3))).toMatchObject({ keypairId: 2 });
  });

  it('its failure decides to nothing: the first failure recorded stands', () => {
    given(interrupted).when({ type: 'FailTask', taskId: taskId(2), errorCode: 'KPS.2002', errorMessage: 'unreachable', now }).then([]);
  });
});
