import { InvalidField } from '@dew/contracts';

/** batch-import-secrets (docs/api-decisions.md, "Batch import"): at most this many secrets a call. */
export const IMPORT_BATCH_MAX = 50;

/** 1..50 secrets; `total`, when given, must count them. */
export function validateImportBatch(count: number, total: number | undefined): void {
  if (count < 1 || count > IMPORT_BATCH_MAX) throw InvalidField('secrets', `hold 1..${IMPORT_BATCH_MAX} secrets`, count);
  if (total !== undefined && total !== count) throw InvalidField('total', `equal the number of secrets (${count})`, total);
}
