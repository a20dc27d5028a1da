import type * as P11 from 'pkcs11js';
import { loadLibrary, pkcs11, THREAD_SAFE } from './pkcs11.js';
import { CKM_EC_EDWARDS_KEY_PAIR_GEN, mechanismName } from './mechanisms.js';
import { familyOf, keyTypeOf, type KeyType } from './key-types.js';
import { aesValueLength, privateKeyTemplate, publicKeyTemplate, secretKeyTemplate } from './key-templates.js';
import { TokenError } from './token-error.js';

export interface TokenKey {
  /** CKA_ID in hex; a key pair's two halves share it. */
  readonly id: string;
  readonly label: string;
  readonly type: KeyType;
}

export interface MechanismInfo {
  readonly mechanism: number;
  readonly name: string;
  readonly minKeySize: number;
  readonly maxKeySize: number;
  readonly flags: number;
}

export interface TokenInitOptions {
  readonly library: string;
  readonly label: string;
  readonly pin: string;
  readonly soPin: string;
}

type Handle = P11.Handle;

/** What lets a node set its token's user PIN back: the token's SO PIN. */
export interface PinRestore {
  readonly soPin: string;
  readonly onRestored: () => void;
}

const PIN_REFUSED = new Set([pkcs11.CKR_PIN_INCORRECT, pkcs11.CKR_PIN_LOCKED]);

/**
 * One logged-in read/write session on a PKCS#11 token. pkcs11js calls are synchronous, so the
 * single session is never used by two operations at once; key generations alone run off the main
 * thread, on a session of their own (generateOffThread).
 */
export class Pkcs11Token {
  #generationSession: Handle | undefined;
  #generating: Promise<unknown> = Promise.resolve();

  private constructor(
    private readonly p11: P11.PKCS11,
    private readonly slot: Handle,
    readonly session: Handle,
  ) {}

  /**
   * Logs into the token with this label of a loaded library (`loadLibrary`, which its owner
   * finalises). With `restore`, a user PIN that no longer works (an application with the PIN may
   * C_SetPIN it) is set back to `pin` as the security officer (C_InitPIN), then used.
   */
  static open(p11: P11.PKCS11, label: string, pin: string, restore?: PinRestore): Pkcs11Token {
    const slot = p11.C_GetSlotList(true).find((s) => p11.C_GetTokenInfo(s).label.trim() === label);
    if (slot === undefined) throw new TokenError('NOT_FOUND', `no token labelled ${label}`);
    const session = p11.C_OpenSession(slot, pkcs11.CKF_SERIAL_SESSION | pkcs11.CKF_RW_SESSION);
    try {
      p11.C_Login(session, pkcs11.CKU_USER, pin);
    } catch (err) {
      if (restore === undefined || !PIN_REFUSED.has((err as { code?: number }).code ?? 0)) throw err;
      p11.C_Login(session, pkcs11.CKU_SO, restore.soPin);
      try {
        p11.C_InitPIN(session, pin);
      } finally {
        p11.C_Logout(session);
      }
      p11.C_Login(session, pkcs11.CKU_USER, pin);
      restore.onRestored();
    }
    return new Pkcs11Token(p11, slot, session);
  }

  /**
   * Initialises a token with this label on the first free slot unless one exists (C_InitToken,
   * then C_InitPIN as the security officer), so PINs never appear on a command line. Runs before
   * the process opens any token: it initialises and finalises the library itself.
   */
  static ensureInitialised(o: TokenInitOptions): void {
    const p11 = loadLibrary(o.library);
    try {
      const slots = p11.C_GetSlotList(true);
      if (slots.some((s) => p11.C_GetTokenInfo(s).label.trim() === o.label)) return;
      const free = slots.find((s) => (p11.C_GetTokenInfo(s).flags & pkcs11.CKF_TOKEN_INITIALIZED) === 0);
      if (free === undefined) throw new TokenError('FAILED', 'no free token slot');
      p11.C_InitToken(free, o.soPin, o.label.padEnd(32));
      // SoftHSM gives an initialised token a new slot id, seen after re-initialising the library.
      p11.C_Finalize();
      p11.C_Initialize(THREAD_SAFE);
      const slot = p11.C_GetSlotList(true).find((s) => p11.C_GetTokenInfo(s).label.trim() === o.label);
      if (slot === undefined) throw new TokenError('FAILED', `the token ${o.label} vanished after initialisation`);
      const session = p11.C_OpenSession(slot, pkcs11.CKF_SERIAL_SESSION | pkcs11.CKF_RW_SESSION);
      p11.C_Login(session, pkcs11.CKU_SO, o.soPin);
      p11.C_InitPIN(session, o.pin);
      p11.C_Logout(session);
      p11.C_CloseSession(session);
    } finally {
      p11.C_Finalize();
    }
  }

  /** Ends the session; the library stays initialised for its owner. */
  close(): void {
    try {
      this.p11.C_Logout(this.session);
    } finally {
      if (this.#generationSession !== undefined) this.p11.C_CloseSession(this.#generationSession);
      this.p11.C_CloseSession(this.session);
    }
  }

  /** Resolves once no generation is running off the main thread (the session and library may then close). */
  async settled(): Promise<void> {
    await this.#generating;
  }

  get pkcs11(): P11.PKCS11 {
    return this.p11;
  }

  /** Exactly what the token reports through C_GetMechanismList / C_GetMechanismInfo. */
  mechanisms(): MechanismInfo[] {
    return this.p11.C_GetMechanismList(this.slot).map((mechanism) => {
      const info = this.p11.C_GetMechanismInfo(this.slot, mechanism);
      return { mechanism, name: mechanismName(mechanism), minKeySize: info.minKeySize, maxKeySize: info.maxKeySize, flags: info.flags };
    });
  }

  requireMechanism(mechanism: number): void {
    if (!this.p11.C_GetMechanismList(this.slot).includes(mechanism)) {
      throw new TokenError('UNSUPPORTED', `the token does not offer ${mechanismName(mechanism)}`);
    }
  }

  random(bytes: number): Buffer {
    return this.p11.C_GenerateRandom(this.session, Buffer.alloc(bytes));
  }

  generate(type: KeyType, id: Buffer, label: string, privateExtra: P11.Template = []): TokenKey {
    const g = this.#generation(type, id, label, privateExtra);
    if (g.pair) this.p11.C_GenerateKeyPair(this.session, g.mechanism, g.pair.publicTemplate, g.pair.privateTemplate);
    else this.p11.C_GenerateKey(this.session, g.mechanism, g.template);
    return { id: id.toString('hex'), label, type };
  }

  /**
   * `generate` on libuv's thread pool (pkcs11js's async calls; the library locks for itself): an
   * RSA-3072 or 4096 generation takes SoftHSM a second or more, and on the main thread it stalled
   * the lease renewals (the active node stepped down mid-generation) and every connection. One
   * generation at a time, on a session no other call uses.
   */
  generateOffThread(type: KeyType, id: Buffer, label: string, privateExtra: P11.Template = []): Promise<TokenKey> {
    const run = this.#generating.then(async () => {
      const g = this.#generation(type, id, label, privateExtra);
      this.#generationSession ??= this.p11.C_OpenSession(this.slot, pkcs11.CKF_SERIAL_SESSION | pkcs11.CKF_RW_SESSION);
      if (g.pair) await this.p11.C_GenerateKeyPairAsync(this.#generationSession, g.mechanism, g.pair.publicTemplate, g.pair.privateTemplate);
      else await this.p11.C_GenerateKeyAsync(this.#generationSession, g.mechanism, g.template);
      return { id: id.toString('hex'), label, type };
    });
    this.#generating = run.catch(() => undefined);
    return run;
  }

  /** The mechanism and templates that generate a key of this type, once the token is known to offer it. */
  #generation(type: KeyType, id: Buffer, label: string, privateExtra: P11.Template): { mechanism: P11.Mechanism; template: P11.Template; pair?: { publicTemplate: P11.Template; privateTemplate: P11.Template } } {
    const family = familyOf(type);
    if (family === 'aes') {
      this.requireMechanism(pkcs11.CKM_AES_KEY_GEN);
      return { mechanism: { mechanism: pkcs11.CKM_AES_KEY_GEN }, template: [...secretKeyTemplate(type, id, label), { type: pkcs11.CKA_VALUE_LEN, value: aesValueLength(type) }] };
    }
    const mechanism = { ec: pkcs11.CKM_EC_KEY_PAIR_GEN, rsa: pkcs11.CKM_RSA_PKCS_KEY_PAIR_GEN, ed: CKM_EC_EDWARDS_KEY_PAIR_GEN }[family];
    this.requireMechanism(mechanism);
    return { mechanism: { mechanism }, template: [], pair: { publicTemplate: publicKeyTemplate(type, id, label), privateTemplate: privateKeyTemplate(type, id, label, privateExtra) } };
  }

  /** The handle of a key's object of one class (secret, private or public), if present. */
  handle(id: string, objectClass: number): Handle | undefined {
    return this.findHandles([{ type: pkcs11.CKA_ID, value: Buffer.from(id, 'hex') }, { type: pkcs11.CKA_CLASS, value: objectClass }])[0];
  }

  requireHandle(id: string, objectClass: number): Handle {
    const h = this.handle(id, objectClass);
    if (h === undefined) throw new TokenError('NOT_FOUND', `no key ${id} of the needed kind`);
    return h;
  }

  find(id: string): TokenKey | undefined {
    const h = this.handle(id, pkcs11.CKO_SECRET_KEY) ?? this.handle(id, pkcs11.CKO_PRIVATE_KEY);
    return h === undefined ? undefined : this.describe(h);
  }

  /** Every secret key and key pair (listed once, by its private half). */
  list(): TokenKey[] {
    return [pkcs11.CKO_SECRET_KEY, pkcs11.CKO_PRIVATE_KEY]
      .flatMap((c) => this.findHandles([{ type: pkcs11.CKA_CLASS, value: c }, { type: pkcs11.CKA_TOKEN, value: true }]))
      .map((h) => this.describe(h))
      .filter((k): k is TokenKey => k !== undefined);
  }

  /** Removes every object with this id; false when there was none. */
  destroy(id: string): boolean {
    const handles = this.findHandles([{ type: pkcs11.CKA_ID, value: Buffer.from(id, 'hex') }]);
    for (const h of handles) this.p11.C_DestroyObject(this.session, h);
    return handles.length > 0;
  }

  /** Destroys these objects; one already gone is no error (a session object ends with its session anyway). */
  discard(...handles: Handle[]): void {
    for (const h of handles) {
      try {
        this.p11.C_DestroyObject(this.session, h);
      } catch {
        // gone already
      }
    }
  }

  attribute(handle: Handle, type: number): Buffer | undefined {
    try {
      const [a] = this.p11.C_GetAttributeValue(this.session, handle, [{ type }]);
      return a?.value;
    } catch {
      return undefined;
    }
  }

  describe(handle: Handle): TokenKey | undefined {
    const id = this.attribute(handle, pkcs11.CKA_ID);
    const ckk = this.attribute(handle, pkcs11.CKA_KEY_TYPE);
    if (id === undefined || ckk === undefined) return undefined;
    const kind = ckk.readUIntLE(0, Math.min(ckk.length, 6));
    const recorded = this.attribute(handle, pkcs11.CKA_VALUE_LEN);
    const valueLen = recorded?.some((b) => b !== 0) ? recorded : this.#wrappedLength(handle, kind);
    const modulus = this.attribute(handle, pkcs11.CKA_MODULUS);
    const ecParams = this.attribute(handle, pkcs11.CKA_EC_PARAMS);
    const type = keyTypeOf(kind, {
      ...(valueLen ? { valueLen: valueLen.readUIntLE(0, Math.min(valueLen.length, 6)) } : {}),
      ...(modulus ? { modulusBits: modulus.length * 8 } : {}),
      ...(ecParams ? { ecParams } : {}),
    });
    if (type === undefined) return undefined;
    return { id: id.toString('hex'), label: this.attribute(handle, pkcs11.CKA_LABEL)?.toString('utf8') ?? '', type };
  }

  /** The secret key #wrappedLength wraps under (the token's domain key). */
  lengthProbe: (() => Handle) | undefined;

  // SoftHSM 2.6.1 does not record CKA_VALUE_LEN on an unwrapped secret key; wrapping it (AES
  // key wrap adds 8 bytes to a multiple of 8) measures its length without revealing it.
  #wrappedLength(handle: Handle, kind: number): Buffer | undefined {
    if (kind !== pkcs11.CKK_AES || this.lengthProbe === undefined) return undefined;
    try {
      const probe = this.lengthProbe();
      const wrapped = this.p11.C_WrapKey(this.session, { mechanism: pkcs11.CKM_AES_KEY_WRAP }, probe, handle, Buffer.alloc(64));
      const len = Buffer.alloc(8);
      len.writeUInt32LE(wrapped.length - 8);
      return len;
    } catch {
      return undefined;
    }
  }

  findHandles(template: P11.Template): Handle[] {
    this.p11.C_FindObjectsInit(this.session, template);
    try {
      const out: Handle[] = [];
      for (;;) {
        const batch = this.p11.C_FindObjects(this.session, 64);
        out.push(...batch);
        if (batch.length < 64) return out;
      }
    } finally {
      this.p11.C_FindObjectsFinal(this.session);
    }
  }
}
