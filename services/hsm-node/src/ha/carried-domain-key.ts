import type * as P11 from 'pkcs11js';
import { pkcs11 } from '../token/pkcs11.js';
import type { Pkcs11Token } from '../token/pkcs11-token.js';
import { deriveAesKey } from '../token/ecdh.js';
import { carrySecretKey } from '../token/carry.js';
import { WRAP_ONLY } from '../token/key-templates.js';
import type { Report } from '../report.js';
import { DOMAIN_KEY_ID } from './node-key-ids.js';

const ID = Buffer.from(DOMAIN_KEY_ID, 'hex');

export interface CarriedDomainKeyOptions {
  /** The token holding the exchange key pair (the system token). */
  readonly system: Pkcs11Token;
  /** The token the domain key is for (the application or the KMS token). */
  readonly target: Pkcs11Token;
  readonly targetLabel: string;
  /** The exchange key pair in the system token this domain key is agreed with. */
  readonly exchangeKeyId: string;
  readonly peerPoint: Buffer;
  readonly keyLabel: string;
  readonly report: Report;
}

/**
 * The domain key of a token without exchange keys of its own (docs/hsm-appliance.md "Domain
 * keys"): PKCS#11 applications log into the application token, so no object of it is trusted to
 * be this key. It is derived in the system token (from the exchange key kept there) as an
 * extractable session object, carried over, and stored non-extractable, wrap/unwrap only,
 * non-modifiable. At start whatever carries its id is replaced; the node then uses the handle it
 * made, and one destroyed by someone else is made again at its next use.
 */
export class CarriedDomainKey {
  #handle: P11.Handle;

  constructor(private readonly o: CarriedDomainKeyOptions) {
    this.#handle = this.#derive();
  }

  handle(): P11.Handle {
    // A destroyed object's handle is refused at once, also when another process destroyed it.
    if (this.o.target.attribute(this.#handle, pkcs11.CKA_CLASS) === undefined) {
      this.#handle = this.#derive();
      this.o.report('domain-key-rederived', { token: this.o.targetLabel });
    }
    return this.#handle;
  }

  #derive(): P11.Handle {
    const { target, system } = this.o;
    target.discard(...target.findHandles([{ type: pkcs11.CKA_ID, value: ID }]));
    const source = deriveAesKey(system, system.requireHandle(this.o.exchangeKeyId, pkcs11.CKO_PRIVATE_KEY), this.o.peerPoint, [
      { type: pkcs11.CKA_TOKEN, value: false },
      { type: pkcs11.CKA_SENSITIVE, value: true },
      { type: pkcs11.CKA_EXTRACTABLE, value: true },
    ]);
    let carried: P11.Handle | undefined;
    try {
      carried = carrySecretKey(system, source, target, [
        { type: pkcs11.CKA_TOKEN, value: false },
        { type: pkcs11.CKA_ID, value: ID },
        { type: pkcs11.CKA_LABEL, value: this.o.keyLabel },
        ...WRAP_ONLY,
      ]);
      // SoftHSM refuses CKA_MODIFIABLE in an unwrap template; a copy may set it.
      return target.pkcs11.C_CopyObject(target.session, carried, [{ type: pkcs11.CKA_TOKEN, value: true }, { type: pkcs11.CKA_MODIFIABLE, value: false }]);
    } finally {
      system.discard(source);
      if (carried !== undefined) target.discard(carried);
    }
  }
}
