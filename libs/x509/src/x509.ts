import { createHash } from 'node:crypto';
import { bitString, bool, explicit, implicit, int, octets, oid, seq, set, time, uint, utf8, type Der } from './der.js';

/** Signs DER bytes (the TBS part) and returns an ECDSA-with-SHA256 signature in DER. */
export type TbsSigner = (tbs: Buffer) => Buffer;

export const ECDSA_WITH_SHA256 = seq(oid('1.2.840.10045.4.3.2'));

export function name(commonName: string, organization: string): Der {
  return seq(set(seq(oid('2.5.4.10'), utf8(organization))), set(seq(oid('2.5.4.3'), utf8(commonName))));
}

export function keyIdentifier(spki: Buffer): Buffer {
  // RFC 5280 §4.2.1.2 method 1 over the whole SPKI: any stable identifier will do.
  return createHash('sha1').update(spki).digest();
}

export type Usage = 'ca' | 'server' | 'client';

export interface CertificateSpec {
  readonly serial: Buffer;
  readonly issuer: Der;
  readonly issuerSpki: Buffer;
  readonly subject: Der;
  readonly subjectSpki: Buffer;
  readonly notBefore: Date;
  readonly notAfter: Date;
  readonly usage: Usage;
  readonly ipAddresses?: readonly string[];
}

const ext = (id: string, critical: boolean, value: Der): Der => seq(oid(id), ...(critical ? [bool(true)] : []), octets(value));

function extensions(s: CertificateSpec): Der {
  const list: Der[] = [
    ext('2.5.29.14', false, octets(keyIdentifier(s.subjectSpki))),
    ext('2.5.29.35', false, seq(implicit(0, keyIdentifier(s.issuerSpki)))),
  ];
  if (s.usage === 'ca') {
    list.push(ext('2.5.29.19', true, seq(bool(true))));
    // keyCertSign | cRLSign
    list.push(ext('2.5.29.15', true, bitString(Buffer.from([0x06]))));
  } else {
    list.push(ext('2.5.29.19', true, seq()));
    // digitalSignature
    list.push(ext('2.5.29.15', true, bitString(Buffer.from([0x80]))));
    list.push(ext('2.5.29.37', false, seq(oid(s.usage === 'server' ? '1.3.6.1.5.5.7.3.1' : '1.3.6.1.5.5.7.3.2'))));
  }
  if (s.ipAddresses?.length) {
    list.push(ext('2.5.29.17', false, seq(...s.ipAddresses.map((ip) => implicit(7, Buffer.from(ip.split('.').map(Number)))))));
  }
  return explicit(3, seq(...list));
}

export function certificate(s: CertificateSpec, signTbs: TbsSigner): Buffer {
  const tbs = seq(explicit(0, int(2)), uint(s.serial), ECDSA_WITH_SHA256, s.issuer, seq(time(s.notBefore), time(s.notAfter)), s.subject, s.subjectSpki, extensions(s));
  return seq(tbs, ECDSA_WITH_SHA256, bitString(signTbs(tbs)));
}

export interface CrlSpec {
  readonly issuer: Der;
  readonly issuerSpki: Buffer;
  readonly number: number;
  readonly thisUpdate: Date;
  readonly nextUpdate: Date;
  readonly revoked: readonly { readonly serial: Buffer; readonly at: Date }[];
}

export function crl(s: CrlSpec, signTbs: TbsSigner): Buffer {
  const revoked = s.revoked.length ? [seq(...s.revoked.map((r) => seq(uint(r.serial), time(r.at))))] : [];
  const crlExtensions = explicit(0, seq(
    ext('2.5.29.35', false, seq(implicit(0, keyIdentifier(s.issuerSpki)))),
    ext('2.5.29.20', false, int(s.number)),
  ));
  const tbs = seq(int(1), ECDSA_WITH_SHA256, s.issuer, time(s.thisUpdate), time(s.nextUpdate), ...revoked, crlExtensions);
  return seq(tbs, ECDSA_WITH_SHA256, bitString(signTbs(tbs)));
}

export function pem(label: 'CERTIFICATE' | 'X509 CRL', der: Buffer): string {
  return `-----BEGIN ${label}-----\n${der.toString('base64').replace(/(.{64})/g, '$1\n').replace(/\n$/, '')}\n-----END ${label}-----\n`;
}

/** SubjectPublicKeyInfo of a P-256 public key from its uncompressed point. */
export function p256Spki(point: Buffer): Buffer {
  return seq(seq(oid('1.2.840.10045.2.1'), oid('1.2.840.10045.3.1.7')), bitString(point));
}
