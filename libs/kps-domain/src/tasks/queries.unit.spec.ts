import { OTHER_PROJECT, PROJECT, bind, boundWorld, created, fail, hosted, history, registered, shutDown, stateAfter, taskId } from '../fixtures.spec.js';
import { LIST_LIMIT_DEFAULT } from '../rules/paging.js';
import { failedTasks, findProjectTask, runningTasks } from './queries.js';

const ids = (page: { tasks: readonly { id: string }[] }) => page.tasks.map((t) => t.id);

describe('task queries', () => {
  /** PROJECT: task 2 READY, 3 RUNNING, 4 FAILED, 1 SUCCESS; OTHER_PROJECT: 5 RUNNING. */
  const state = stateAfter(
    ...history(
      [...boundWorld(1, 1, 1, { privateKey: hosted(1) }), created(2), registered(2), registered(3), registered(5, { projectId: OTHER_PROJECT })],
      shutDown(1),
      bind(1, 2, 2),
      bind(2, 1, 3),
      bind(3, 1, 4),
      fail(4),
      bind(5, 1, 5, { projectId: OTHER_PROJECT }),
    ),
  );

  it("runningTasks: the project's READY and RUNNING tasks, oldest first, with the total", () => {
    expect(runningTasks(state, PROJECT)).toMatchObject({ total: 2 });
    expect(ids(runningTasks(state, PROJECT))).toEqual([taskId(2), taskId(3)]);
    expect(ids(runningTasks(state, OTHER_PROJECT))).toEqual([taskId(5)]);
  });

  it("failedTasks: the project's FAILED tasks only", () => {
    expect(ids(failedTasks(state, PROJECT))).toEqual([taskId(4)]);
    expect(failedTasks(state, OTHER_PROJECT)).toEqual({ tasks: [], total: 0 });
  });

  it('limit and offset page through; the total counts every match', () => {
    expect(runningTasks(state, PROJECT, { limit: 1 })).toMatchObject({ total: 2, tasks: [{ id: taskId(2) }] });
    expect(ids(runningTasks(state, PROJECT, { limit: 1, offset: 1 }))).toEqual([taskId(3)]);
    expect(runningTasks(state, PROJECT, { offset: 5 })).toEqual({ tasks: [], total: 2 });
  });

  it(`no limit: the first ${LIST_LIMIT_DEFAULT}`, () => {
    const many = history([created(1), ...Array.from({ length: 60 }, (_, i) => registered(i + 1))], ...Array.from({ length: 60 }, (_, i) => bind(i + 1, 1, i + 1)));
    const page = failedTasks(stateAfter(...history(many, ...Array.from({ length: 60 }, (_, i) => fail(i + 1)))), PROJECT);
    expect(page.tasks).toHaveLength(LIST_LIMIT_DEFAULT);
    expect(page.total).toBe(60);
  });

  it('a negative or fractional offset, or limit 0: refused KPS.0002 naming the field', () => {
    expect(() => runningTasks(state, PROJECT, { offset: -1 })).toThrow('offset must be an integer of at least 0, got -1');
    expect(() => runningTasks(state, PROJECT, { offset: 0.5 })).toThrow('offset');
    expect(() => failedTasks(state, PROJECT, { limit: 0 })).toThrow('limit must be an integer 1..1000, got 0');
  });

  it("findProjectTask: a task of the project in any status; another project's is not there", () => {
    expect(findProjectTask(state, PROJECT, taskId(1))).toMatchObject({ status: 'SUCCESS' });
    expect(findProjectTask(state, OTHER_PROJECT, taskId(1))).toBeUndefined();
    expect(findProjectTask(state, PROJECT, taskId(99))).toBeUndefined();
  });

  it('tasks of the same instant are ordered by id', () => {
    const both = history([created(1), registered(1), registered(2)], bind(2, 1, 8, { now: 5 }), bind(1, 1, 7, { now: 5 }));
    expect(ids(runningTasks(stateAfter(...both), PROJECT))).toEqual([taskId(7), taskId(8)]);
  });
});
