import { createHmac } from 'node:crypto';
import type * as P11 from 'pkcs11js';
import { loadLibrary } from './pkcs11.js';
import { Pkcs11Token } from './pkcs11-token.js';
import { TokenError } from './token-error.js';

/** Application keys only: what the gRPC key API and PKCS#11 applications create (p11-kit serves this one). */
export const APP_TOKEN_LABEL = 'dew-hsm';
/**
 * The node's own keys (the instance CA, the exchange keys, the system domain key): never served,
 * its PINs never handed out. Not `dew-hsm-…`: OpenSC's --token-label matches a prefix.
 */
export const SYSTEM_TOKEN_LABEL = 'dew-system';
/**
 * KMS's key-store keys: reached only by callers whose access certificate is KMS's (`dew-kms:…`),
 * never served over PKCS#11, its PINs derived in the node from the system token's (never handed out).
 */
export const KMS_TOKEN_LABEL = 'dew-kms-keys';

export interface TokenPins {
  readonly pin: string;
  readonly soPin: string;
}

/**
 * The KMS token's PINs, derived from the system token's (docs/hsm.md "Token PINs"): distinct from
 * them, known to the nodes only, and the same on both nodes of an instance.
 */
export function kmsTokenPins(system: TokenPins): TokenPins {
  const derive = (secret: string, use: string) => createHmac('sha256', secret).update(`${KMS_TOKEN_LABEL} ${use}`).digest('hex');
  return { pin: derive(system.pin, 'user PIN'), soPin: derive(system.soPin, 'SO PIN') };
}

/**
 * A node's three SoftHSM tokens (docs/hsm-appliance.md "Tokens"), each with a logged-in session,
 * over one loaded library.
 */
export class NodeTokens {
  private constructor(private readonly p11: P11.PKCS11, readonly app: Pkcs11Token, readonly system: Pkcs11Token, readonly kms: Pkcs11Token) {}

  /**
   * Initialises what is missing and logs into all three; refuses a token directory of the single-token
   * layout. The application token's user PIN is set back to `pins.app.pin` when an application
   * changed it (`onAppPinRestored` then tells so).
   */
  static open(library: string, pins: { readonly app: TokenPins; readonly system: TokenPins }, onAppPinRestored: () => void): NodeTokens {
    refuseSingleTokenLayout(library);
    // The system token first: a node stopped in between never leaves an application token alone,
    // which would read as the single-token layout at the next start.
    const kmsPins = kmsTokenPins(pins.system);
    Pkcs11Token.ensureInitialised({ library, label: SYSTEM_TOKEN_LABEL, ...pins.system });
    Pkcs11Token.ensureInitialised({ library, label: APP_TOKEN_LABEL, ...pins.app });
    Pkcs11Token.ensureInitialised({ library, label: KMS_TOKEN_LABEL, ...kmsPins });
    const p11 = loadLibrary(library);
    try {
      const system = Pkcs11Token.open(p11, SYSTEM_TOKEN_LABEL, pins.system.pin);
      const kms = Pkcs11Token.open(p11, KMS_TOKEN_LABEL, kmsPins.pin);
      return new NodeTokens(p11, Pkcs11Token.open(p11, APP_TOKEN_LABEL, pins.app.pin, { soPin: pins.app.soPin, onRestored: onAppPinRestored }), system, kms);
    } catch (err) {
      p11.C_Finalize();
      throw err;
    }
  }

  /** Resolves once no token has a generation running (close would finalise the library under it). */
  async settled(): Promise<void> {
    await Promise.all([this.app.settled(), this.kms.settled(), this.system.settled()]);
  }

  close(): void {
    try {
      this.app.close();
      this.kms.close();
      this.system.close();
    } finally {
      this.p11.C_Finalize();
    }
  }
}

// Instances made before the node's keys had a token of their own keep the instance CA in the
// token applications use: they are not migrated (docs/hsm.md "Token PINs").
function refuseSingleTokenLayout(library: string): void {
  const p11 = loadLibrary(library);
  try {
    const labels = p11.C_GetSlotList(true).map((s) => p11.C_GetTokenInfo(s).label.trim());
    if (labels.includes(APP_TOKEN_LABEL) && !labels.includes(SYSTEM_TOKEN_LABEL)) {
      throw new TokenError('FAILED', `the token directory holds ${APP_TOKEN_LABEL} without ${SYSTEM_TOKEN_LABEL}: the single-token layout of an instance created before the node's keys had a token of their own, which cannot be opened; delete the instance and create another`);
    }
  } finally {
    p11.C_Finalize();
  }
}
