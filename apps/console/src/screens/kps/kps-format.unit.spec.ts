import { taskOperationLabel, taskRunning, taskStatusLabel, taskSucceeded } from './kps-format';

describe('KPS task statuses as the console names them', () => {
  it('READY_ and RUNNING_ are still going; SUCCESS_ and FAILED_ are done', () => {
    expect(['READY_RESET', 'RUNNING_REPLACE', 'SUCCESS_UNBIND', 'FAILED_RESET'].map(taskRunning)).toEqual([true, true, false, false]);
    expect(['SUCCESS_RESET', 'FAILED_RESET'].map(taskSucceeded)).toEqual([true, false]);
  });

  it('names the operation as the guide does: RESET on a server without a key pair is a bind', () => {
    expect(['FAILED_RESET', 'FAILED_REPLACE', 'FAILED_UNBIND', 'RESET'].map(taskOperationLabel)).toEqual(['Bind', 'Replace', 'Unbind', 'Bind']);
    expect(taskStatusLabel('RUNNING_RESET')).toBe('Executing (Bind)');
    expect(taskStatusLabel('FAILED_UNBIND')).toBe('Execution failed (Unbind)');
  });
});
