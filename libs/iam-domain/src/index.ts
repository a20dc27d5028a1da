export * from './account.state.js';
export * from './account.js';
export * from './account.decide.js';
export * from './administrators.js';
export * from './queries.js';
export * from './directory.js';
export * from './groups.js';
export * from './groups.decide.js';
export * from './users.decide.js';
export * from './password-strength.js';
export * from './policies.js';
export * from './policies.decide.js';
export * from './policy-document.js';
export * from './system-policies.js';
export * from './action-aliases.js';
export * from './evaluate.js';
export * from './authorization.js';
export * from './tokens.js';
export * from './login.js';
export * from './access.queries.js';
export {
  ACCESS_KEYS_PER_USER,
  CUSTOM_POLICIES_PER_DOMAIN,
  DESCRIPTION_MAX_LENGTH,
  GROUP_DESCRIPTION_MAX_BYTES,
  GROUP_NAME_MAX_LENGTH,
  NAME_MAX_LENGTH,
  POLICY_DESCRIPTION_MAX_LENGTH,
  POLICY_DISPLAY_NAME_MAX_LENGTH,
} from './limits.js';
