/** CSMS states and types as the guide's secret list names them (Table 2-1). */
export const secretStateLabel = (state: string): string => (state === 'ENABLED' ? 'Enabled' : state === 'PENDING_DELETE' ? 'Pending deletion' : state);
export const secretTypeLabel = (type: string): string => (type === 'COMMON' || type === '' ? 'Shared secret' : type === 'RDS' ? 'RDS DB instance secret' : type);
/** CSMS times are epoch seconds. */
export const secondsToMs = (s: number | null): number | null => (s === null ? null : s * 1000);
/** The two stages CSMS manages itself and never lets a user delete (guide 2.3.2). */
export const isSystemStage = (stage: string): boolean => stage === 'SYSCURRENT' || stage === 'SYSPREVIOUS';
