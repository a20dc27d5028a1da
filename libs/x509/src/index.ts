export type { Der } from './der.js';
export * from './x509.js';
export { backdated, normalSerial, parseSerial, randomSerial } from './serial.js';
export { sha256Fingerprint } from './fingerprint.js';
