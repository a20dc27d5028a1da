// These functions answer API callers directly, so they raise the API's own error.
export { DewError, quote } from '@dew/contracts';
