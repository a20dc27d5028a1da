export { GENERATED_ALGORITHMS, SSH_KEY_TYPES, type SshAlgorithm, type SshKeyType } from './algorithms.js';
export { SshKeyProblem, type SshKeyProblemCode } from './problems.js';
export { MAX_PUBLIC_KEY_CHARS, parsePublicKey, publicKeyFromBlob, type SshPublicKey } from './public-key.js';
export { fingerprintMd5, fingerprintSha256 } from './fingerprint.js';
export { generateKeyPair, type GeneratedKeyPair } from './generate.js';
export { MAX_PRIVATE_KEY_CHARS, parseMatchingPrivateKey, parsePrivateKey, privateKeyMatches, type SshPrivateKey } from './private-key.js';
export { decryptWindowsPassword } from './windows-password.js';
