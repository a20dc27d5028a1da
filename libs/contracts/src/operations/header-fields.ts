/** Request headers some operations read as body fields (the token validate-token checks); the gateway copies them in, clients send them so. */
export const HEADER_FIELDS: Readonly<Record<string, string>> = { 'x-subject-token': 'subject_token' };
