import type * as P11 from 'pkcs11js';
import { pkcs11 } from '../token/pkcs11.js';
import { APP_TOKEN_LABEL, type NodeTokens } from '../token/node-tokens.js';
import { deriveAesKey } from '../token/ecdh.js';
import { carrySecretKey } from '../token/carry.js';
import { WRAP_ONLY } from '../token/key-templates.js';
import type { Report } from '../report.js';
import { APP_EXCHANGE_KEY_ID, DOMAIN_KEY_ID } from './node-key-ids.js';

const ID = Buffer.from(DOMAIN_KEY_ID, 'hex');
const LABEL = 'dew instance domain key';

/**
 * The application token's domain key (docs/hsm-appliance.md "Domain keys"). PKCS#11 applications
 * log into that token, so no exchange key lives there and no object of it is trusted to be this
 * key: it is derived in the system token (from the exchange key kept there) as an extractable
 * session object, carried over, and stored non-extractable, wrap/unwrap only, non-modifiable. At
 * start whatever carries its id is replaced; the node then uses the handle it made, and one an
 * application destroyed is made again at its next use.
 */
export class AppDomainKey {
  #handle: P11.Handle;

  constructor(
    private readonly tokens: NodeTokens,
    private readonly peerPoint: Buffer,
    private readonly report: Report,
  ) {
    this.#handle = this.#derive();
  }

  handle(): P11.Handle {
    // A destroyed object's handle is refused at once, also when another process destroyed it.
    if (this.tokens.app.attribute(this.#handle, pkcs11.CKA_CLASS) === undefined) {
      this.#handle = this.#derive();
      this.report('domain-key-rederived', { token: APP_TOKEN_LABEL });
    }
    return this.#handle;
  }

  #derive(): P11.Handle {
    const { app, system } = this.tokens;
    app.discard(...app.findHandles([{ type: pkcs11.CKA_ID, value: ID }]));
    const source = deriveAesKey(system, system.requireHandle(APP_EXCHANGE_KEY_ID, pkcs11.CKO_PRIVATE_KEY), this.peerPoint, [
      { type: pkcs11.CKA_TOKEN, value: false },
      { type: pkcs11.CKA_SENSITIVE, value: true },
      { type: pkcs11.CKA_EXTRACTABLE, value: true },
    ]);
    let carried: P11.Handle | undefined;
    try {
      carried = carrySecretKey(system, source, app, [
        { type: pkcs11.CKA_TOKEN, value: false },
        { type: pkcs11.CKA_ID, value: ID },
        { type: pkcs11.CKA_LABEL, value: LABEL },
        ...WRAP_ONLY,
      ]);
      // SoftHSM refuses CKA_MODIFIABLE in an unwrap template; a copy may set it.
      return app.pkcs11.C_CopyObject(app.session, carried, [{ type: pkcs11.CKA_TOKEN, value: true }, { type: pkcs11.CKA_MODIFIABLE, value: false }]);
    } finally {
      system.discard(source);
      if (carried !== undefined) app.discard(carried);
    }
  }
}
