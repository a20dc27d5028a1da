import 'reflect-metadata';
import { operationsAnsweredBy } from '@dew/contracts';
import { controllerSubjects } from '@dew/nest-kit';
import { IAM_CONTROLLERS } from './iam.controllers.js';

describe('IamModule controllers', () => {
  const answered = controllerSubjects(IAM_CONTROLLERS);
  const rows = operationsAnsweredBy('iam').map((o) => o.pattern as string);

  it('every served iam row has a handler: no row left without one', () => {
    expect(rows.filter((p) => !answered.includes(p))).toEqual([]);
  });

  it('every handler answers a served iam row: none on a subject outside the table', () => {
    expect(answered.filter((p) => !rows.includes(p))).toEqual([]);
  });

  it('each row has exactly one handler: no subject answered twice', () => {
    expect(answered.filter((p, i) => answered.indexOf(p) !== i)).toEqual([]);
    expect(answered).toHaveLength(rows.length);
  });
});
