export interface NatsPermission {
  readonly allow?: readonly string[];
  readonly deny?: readonly string[];
}

export interface NatsUserConfig {
  readonly user: string;
  /** A value starting with `$2` is read by nats-server as a bcrypt hash. */
  readonly password: string;
  readonly publish?: NatsPermission;
  readonly subscribe?: NatsPermission;
  /** Lets the user publish to reply subjects of requests it received, without a publish grant on them. */
  readonly allowResponses?: boolean | { readonly max?: number; readonly expiresMs?: number };
}

export interface NatsConfigOptions {
  readonly host: string;
  readonly port: number;
  readonly storeDir: string;
  readonly users?: readonly NatsUserConfig[];
  readonly maxPayload?: number;
  readonly httpMonitorPort?: number;
  /** The server writes its pid here (a later runner can stop a server its killed predecessor left). */
  readonly pidFile?: string;
  /** JetStream's file store limit (`max_file_store`, e.g. "10G"); the server's default when absent. */
  readonly maxFileStore?: string;
  /**
   * How often JetStream fsyncs its files (`sync_interval`: "always" or a duration such as "1s");
   * the server's default (every 2 minutes) when absent. nats-server 2.10 and later only
   * (docs/architecture.md, "Durability"; `syncIntervalSupport`).
   */
  readonly syncInterval?: string;
  /** A node of a JetStream cluster (docs/architecture.md, "Cluster mode"); a lone server without. */
  readonly cluster?: NatsClusterNode;
}

export interface NatsClusterNode {
  /** The cluster's name, the same on every node. */
  readonly name: string;
  /** This node's name, unique in the cluster (JetStream's placement and RAFT groups need it). */
  readonly serverName: string;
  /** Where this node listens for routes from the others. */
  readonly host: string;
  readonly port: number;
  /** Every node's route URL (`nats-route://host:port`), its own included: nats-server recognises and drops that one. */
  readonly routes: readonly string[];
  /**
   * The one account a route must log in with: a route is not bound by any user's permissions, so
   * an open route port would let any local process read and publish everything (docs/security.md).
   * Each route URL carries it (`routeUrl`).
   */
  readonly routeAuth: { readonly user: string; readonly password: string };
}

/**
 * The largest message DEW's bus carries (docs/bus-security.md, "Message size"): 8 MiB, so that
 * every answer fits (a list of 200 secrets whose 2 KB descriptions escape six-fold in JSON is
 * about 2.5 MB; nats-server's default of 1 MB is not enough). Requests stay within the edge's 1 MiB.
 */
export const BUS_MAX_PAYLOAD = 8 * 1024 * 1024;

/** Renders a nats-server configuration file (the server's own format, not JSON). */
export function renderNatsConfig(opts: NatsConfigOptions): string {
  const lines = [
    `host: ${quote(opts.host)}`,
    `port: ${integer('port', opts.port)}`,
  ];
  if (opts.httpMonitorPort !== undefined) {
    // The monitor binds to `host` as well.
    lines.push(`http_port: ${integer('httpMonitorPort', opts.httpMonitorPort)}`);
  }
  if (opts.pidFile !== undefined) lines.push(`pid_file: ${quote(opts.pidFile)}`);
  if (opts.maxPayload !== undefined) lines.push(`max_payload: ${integer('maxPayload', opts.maxPayload)}`);
  if (opts.cluster !== undefined) lines.push(`server_name: ${quote(opts.cluster.serverName)}`);
  lines.push(
    'jetstream {',
    `  store_dir: ${quote(opts.storeDir)}`,
    ...(opts.maxFileStore !== undefined ? [`  max_file_store: ${quote(opts.maxFileStore)}`] : []),
    ...(opts.syncInterval !== undefined ? [`  sync_interval: ${quote(opts.syncInterval)}`] : []),
    '}',
  );
  if (opts.cluster !== undefined) lines.push(...renderCluster(opts.cluster));
  if (opts.users !== undefined && opts.users.length > 0) {
    lines.push('authorization {', '  users = [', ...opts.users.map((u) => `    ${renderUser(u)}`), '  ]', '}');
  }
  return `${lines.join('\n')}\n`;
}

/** A route URL that logs in with the cluster's route account (its user and password URL-safe: base64url, letters). */
export function routeUrl(host: string, port: number, auth: NatsClusterNode['routeAuth']): string {
  return `nats-route://${encodeURIComponent(auth.user)}:${encodeURIComponent(auth.password)}@${host}:${integer('route port', port)}`;
}

function renderCluster(c: NatsClusterNode): string[] {
  if (c.routeAuth.user === '' || c.routeAuth.password.length < 16) throw new Error('a cluster node needs a route user and a password of at least 16 characters');
  return [
    'cluster {',
    `  name: ${quote(c.name)}`,
    `  listen: ${quote(`${c.host}:${integer('cluster.port', c.port)}`)}`,
    `  authorization { user: ${quote(c.routeAuth.user)}, password: ${quote(c.routeAuth.password)} }`,
    `  routes: ${quoteList(c.routes)}`,
    '}',
  ];
}

function renderUser(u: NatsUserConfig): string {
  const perms: string[] = [];
  if (u.publish) perms.push(`publish: ${renderPermission(u.user, 'publish', u.publish)}`);
  if (u.subscribe) perms.push(`subscribe: ${renderPermission(u.user, 'subscribe', u.subscribe)}`);
  if (u.allowResponses !== undefined && u.allowResponses !== false) {
    perms.push(`allow_responses: ${renderAllowResponses(u.allowResponses)}`);
  }
  const fields = [`user: ${quote(u.user)}`, `password: ${quote(u.password)}`];
  if (perms.length > 0) fields.push(`permissions: { ${perms.join(', ')} }`);
  return `{ ${fields.join(', ')} }`;
}

function renderPermission(user: string, kind: string, p: NatsPermission): string {
  const parts: string[] = [];
  if (p.allow !== undefined) {
    // nats-server treats an empty allow list as no restriction at all.
    if (p.allow.length === 0) {
      throw new Error(`user ${user}: ${kind}.allow is empty, which nats-server reads as "allow everything"; use deny: [">"] to allow nothing`);
    }
    parts.push(`allow: ${quoteList(p.allow)}`);
  }
  if (p.deny !== undefined && p.deny.length > 0) parts.push(`deny: ${quoteList(p.deny)}`);
  return `{ ${parts.join(', ')} }`;
}

function renderAllowResponses(v: true | { readonly max?: number; readonly expiresMs?: number }): string {
  if (v === true) return 'true';
  const parts: string[] = [];
  if (v.max !== undefined) parts.push(`max: ${integer('allowResponses.max', v.max)}`);
  if (v.expiresMs !== undefined) parts.push(`expires: ${quote(`${integer('allowResponses.expiresMs', v.expiresMs)}ms`)}`);
  return parts.length > 0 ? `{ ${parts.join(', ')} }` : 'true';
}

function quoteList(items: readonly string[]): string {
  return `[${items.map(quote).join(', ')}]`;
}

/**
 * Double-quoted string of the nats-server config lexer. It knows only the escapes
 * \\ \" \n \t \r and \xHH, and does not expand `$VAR` or `#` comments inside quotes.
 */
export function quote(value: string): string {
  let out = '"';
  for (const ch of value) {
    const code = ch.codePointAt(0) ?? 0;
    if (ch === '\\') out += '\\\\';
    else if (ch === '"') out += '\\"';
    else if (ch === '\n') out += '\\n';
    else if (ch === '\t') out += '\\t';
    else if (ch === '\r') out += '\\r';
    else if (code < 0x20 || code === 0x7f) out += `\\x${code.toString(16).padStart(2, '0')}`;
    else out += ch;
  }
  return `${out}"`;
}

function integer(name: string, value: number): number {
  if (!Number.isSafeInteger(value) || value < 0) throw new RangeError(`${name} must be a non-negative integer, got ${value}`);
  return value;
}
