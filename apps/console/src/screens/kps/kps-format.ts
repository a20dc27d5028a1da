/** Key pair algorithms KPS generates (docs/api-decisions.md, "KPS"); the guide's default first. */
export const KEYPAIR_ALGORITHMS = ['SSH_RSA_2048', 'SSH_RSA_3072', 'SSH_RSA_4096', 'SSH_ECDSA_P256', 'SSH_ECDSA_P384', 'SSH_ECDSA_P521', 'SSH_ED25519'] as const;

export const scopeLabel = (scope: string): string => (scope === 'domain' ? 'Account key pair' : 'User key pair');
export const privateKeyLabel = (hosted: boolean): string => (hosted ? 'Managed' : 'Not managed');

/** A task status as KPS reports it (`RUNNING_RESET`, `FAILED_UNBIND`…): still going until it is neither READY nor RUNNING. */
export const taskRunning = (status: string): boolean => /^(READY|RUNNING)_/.test(status);
export const taskSucceeded = (status: string): boolean => status.startsWith('SUCCESS_');

const OPERATIONS: Readonly<Record<string, string>> = { RESET: 'Bind', REPLACE: 'Replace', UNBIND: 'Unbind' };
/** `FAILED_REPLACE` → Replace; `RESET` is what KPS calls a bind to a server without a key pair. */
export const taskOperationLabel = (type: string): string => OPERATIONS[type.replace(/^[A-Z]+_/, '')] ?? OPERATIONS[type] ?? type;

const STATUS_WORDS: Readonly<Record<string, string>> = { READY: 'Waiting for the server', RUNNING: 'Executing', SUCCESS: 'Succeeded', FAILED: 'Execution failed' };
export const taskStatusLabel = (status: string): string => {
  const [phase = '', op = ''] = status.split(/_(.*)/s);
  return `${STATUS_WORDS[phase] ?? phase} (${taskOperationLabel(op)})`;
};

/** The name a downloaded private key gets: the key pair's name, as the guide's browser download. */
export const privateKeyFileName = (name: string): string => `${name}.pem`;

export const DISCLAIMER = 'I have read and agree to the Key Pair Service Disclaimer';
export const HOSTING = 'I agree to have the private key managed by DEW';
