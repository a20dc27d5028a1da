import { createPublicKey } from 'node:crypto';
import type { ControlEndpoint, NodeId, NodeLaunchSecrets } from '@dew/hsm-control';

export interface NodeConfig {
  readonly instanceId: string;
  readonly nodeId: NodeId;
  readonly nodeAddress: string;
  readonly floatingAddress: string;
  /** Application port (mutual TLS); the admin port serves HsmAdmin with server-only TLS. */
  readonly port: number;
  readonly adminPort: number;
  /** PKCS#11 (p11-kit remoting) over the application port's mutual TLS. */
  readonly pkcs11Port: number;
  readonly dataDir: string;
  /** The control plane (docs/hsm-appliance.md "Control plane"): the node's only way to its instance's shared state. */
  readonly control: ControlEndpoint;
  readonly pkcs11Library: string;
  /** The application token's PINs (its user PIN is handed to the UKey holder for PKCS#11). */
  readonly tokenPin: string;
  readonly soPin: string;
  /** The system token's PINs (the node's own keys; docs/hsm-appliance.md "Tokens"): never handed out. */
  readonly systemPin: string;
  readonly systemSoPin: string;
  /** The UKey provisioning issued (SPKI PEM): the only administrator Initialize accepts. */
  readonly ukeyPublicKey: string;
  readonly leaseTtlMs: number;
}

// A node without its UKey would let whoever reaches it first initialise the instance: it does not start.
const ED25519_PUBLIC_PEM = { test: isEd25519PublicPem };
const IPV4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/;

/**
 * Validates the node's environment (HSM_* variables) and joins the secrets read from stdin;
 * throws naming every wrong variable (never a value).
 */
export function parseNodeConfig(env: Readonly<Record<string, string | undefined>>, secrets: NodeLaunchSecrets): NodeConfig {
  const problems: string[] = [];
  const need = (name: string, pattern?: { test(v: string): boolean }): string => {
    const v = env[name];
    if (v === undefined || v === '' || (pattern && !pattern.test(v))) {
      problems.push(name);
      return '';
    }
    return v;
  };
  const port = Number(need('HSM_PORT', /^\d{2,5}$/));
  const cfg: NodeConfig = {
    instanceId: need('HSM_INSTANCE_ID', /^[A-Za-z0-9_-]{1,64}$/),
    nodeId: need('HSM_NODE_ID', /^[ab]$/) as NodeId,
    nodeAddress: need('HSM_NODE_ADDRESS', IPV4),
    floatingAddress: need('HSM_FLOATING_ADDRESS', IPV4),
    port,
    adminPort: env['HSM_ADMIN_PORT'] ? Number(need('HSM_ADMIN_PORT', /^\d{2,5}$/)) : port + 1,
    pkcs11Port: env['HSM_PKCS11_PORT'] ? Number(need('HSM_PKCS11_PORT', /^\d{2,5}$/)) : port + 2,
    dataDir: need('HSM_DATA_DIR'),
    control: { address: need('HSM_CONTROL_ADDRESS', /^[\d.]+:\d{1,5}$/), ca: secrets.controlCa, cert: secrets.controlCert, key: secrets.controlKey },
    pkcs11Library: env['HSM_PKCS11_LIBRARY'] ?? '/usr/lib/x86_64-linux-gnu/softhsm/libsofthsm2.so',
    tokenPin: secrets.tokenPin,
    soPin: secrets.soPin,
    systemPin: secrets.systemPin,
    systemSoPin: secrets.systemSoPin,
    ukeyPublicKey: need('HSM_UKEY_PUBLIC_KEY', ED25519_PUBLIC_PEM),
    leaseTtlMs: env['HSM_LEASE_TTL_MS'] ? Number(need('HSM_LEASE_TTL_MS', /^\d+$/)) : 1500,
  };
  if (problems.length) throw new Error(`hsm-node configuration: missing or invalid ${problems.join(', ')}`);
  return cfg;
}

function isEd25519PublicPem(pem: string): boolean {
  try {
    return createPublicKey(pem).asymmetricKeyType === 'ed25519';
  } catch {
    return false;
  }
}
