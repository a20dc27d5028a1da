import { createHash, createPublicKey } from 'node:crypto';
import { pkcs11 } from '../token/pkcs11.js';
import type { Pkcs11Token } from '../token/pkcs11-token.js';
import { ecPoint } from '../token/key-transfer.js';
import { rawPoint } from '../token/ecdh.js';
import { rawToDer } from '../token/ecdsa-signature.js';
import { backdated, certificate, crl, name, p256Spki, pem, randomSerial, type Usage } from '@dew/x509';

/** The CA key pair's CKA_ID: internal ids are never 16 bytes long, so no application can name them. */
export const CA_KEY_ID = Buffer.from('dew.instance-ca').toString('hex');

const CA_YEARS = 10;
const LEAF_DAYS = 365;
const CRL_HOURS = 24;

export interface Revocation {
  readonly serial: string;
  readonly at: string;
}

/** The instance's certificate authority; its private key is a token object (mirrored like any key). */
export class InstanceCa {
  constructor(private readonly token: Pkcs11Token, private readonly instanceId: string) {}

  static createKey(token: Pkcs11Token): void {
    token.generate('EC_P256', Buffer.from(CA_KEY_ID, 'hex'), 'dew instance CA');
  }

  hasKey(): boolean {
    return this.token.find(CA_KEY_ID) !== undefined;
  }

  selfSignedPem(now = new Date()): string {
    const notAfter = new Date(now);
    notAfter.setUTCFullYear(notAfter.getUTCFullYear() + CA_YEARS);
    return pem('CERTIFICATE', certificate({
      serial: randomSerial(), issuer: this.#name(), issuerSpki: this.#spki(), subject: this.#name(), subjectSpki: this.#spki(),
      notBefore: backdated(now), notAfter, usage: 'ca',
    }, (tbs) => this.#sign(tbs)));
  }

  /** A leaf certificate for a public key (PEM, any type node:crypto reads) and its serial in hex. */
  issue(publicKeyPem: string, commonName: string, usage: Exclude<Usage, 'ca'>, ipAddresses: readonly string[] = [], now = new Date()): { pem: string; serial: string } {
    const subjectSpki = createPublicKey(publicKeyPem).export({ type: 'spki', format: 'der' });
    const serial = randomSerial();
    const notAfter = new Date(now.getTime() + LEAF_DAYS * 86_400_000);
    const der = certificate({
      serial, issuer: this.#name(), issuerSpki: this.#spki(), subject: name(commonName, this.#org()), subjectSpki,
      notBefore: backdated(now), notAfter, usage, ipAddresses,
    }, (tbs) => this.#sign(tbs));
    return { pem: pem('CERTIFICATE', der), serial: serial.toString('hex') };
  }

  crlPem(revoked: readonly Revocation[], number: number, now = new Date()): string {
    return pem('X509 CRL', crl({
      issuer: this.#name(), issuerSpki: this.#spki(), number, thisUpdate: backdated(now),
      nextUpdate: new Date(now.getTime() + CRL_HOURS * 3_600_000),
      revoked: revoked.map((r) => ({ serial: Buffer.from(r.serial.length % 2 ? `0${r.serial}` : r.serial, 'hex'), at: new Date(r.at) })),
    }, (tbs) => this.#sign(tbs)));
  }

  #org(): string {
    return `DEW Dedicated HSM ${this.instanceId}`;
  }

  #name() {
    return name(`DEW HSM instance CA ${this.instanceId}`, this.#org());
  }

  #spki(): Buffer {
    return p256Spki(rawPoint(ecPoint(this.token, CA_KEY_ID)));
  }

  #sign(tbs: Buffer): Buffer {
    const p11 = this.token.pkcs11;
    p11.C_SignInit(this.token.session, { mechanism: pkcs11.CKM_ECDSA }, this.token.requireHandle(CA_KEY_ID, pkcs11.CKO_PRIVATE_KEY));
    return rawToDer(Buffer.from(p11.C_Sign(this.token.session, createHash('sha256').update(tbs).digest(), Buffer.alloc(128))));
  }
}
