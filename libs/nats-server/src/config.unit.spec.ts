import { quote, renderNatsConfig, routeUrl } from './config.js';

describe('renderNatsConfig', () => {
  it('without users renders listen address and jetstream store dir but no authorization block', () => {
    const text = renderNatsConfig({ host: '127.0.0.1', port: 4333, storeDir: '/tmp/x' });
    expect(text).toBe('host: "127.0.0.1"\nport: 4333\njetstream {\n  store_dir: "/tmp/x"\n}\n');
  });

  it('with maxFileStore: the limit inside the one jetstream block', () => {
    const text = renderNatsConfig({ host: '127.0.0.1', port: 1, storeDir: '/s', maxFileStore: '10G' });
    expect(text).toContain('jetstream {\n  store_dir: "/s"\n  max_file_store: "10G"\n}\n');
    expect(text.match(/jetstream \{/g)).toHaveLength(1);
  });

  it('with maxPayload and httpMonitorPort renders both settings', () => {
    const text = renderNatsConfig({ host: '127.0.0.1', port: 1, storeDir: '/s', maxPayload: 2048, httpMonitorPort: 8222 });
    expect(text).toContain('max_payload: 2048\n');
    expect(text).toContain('http_port: 8222\n');
  });

  it('with users renders each user with quoted credentials and allow/deny lists', () => {
    const text = renderNatsConfig({
      host: '127.0.0.1', port: 1, storeDir: '/s',
      users: [{
        user: 'kms', password: 'p"w',
        publish: { allow: ['evt.kms.>', 'kms.*'], deny: ['evt.iam.>'] },
        subscribe: { allow: ['_INBOX.>'] },
        allowResponses: true,
      }],
    });
    expect(text).toContain(
      '{ user: "kms", password: "p\\"w", permissions: { publish: { allow: ["evt.kms.>", "kms.*"], deny: ["evt.iam.>"] }, '
      + 'subscribe: { allow: ["_INBOX.>"] }, allow_responses: true } }',
    );
    expect(text).toMatch(/authorization \{\n {2}users = \[\n.*\n {2}\]\n\}\n$/);
  });

  it('with a cluster node renders its server name and a cluster block with its route listener and every route', () => {
    const text = renderNatsConfig({
      host: '127.0.0.1', port: 1, storeDir: '/s',
      cluster: { name: 'dew', serverName: 'n2', host: '127.0.0.1', port: 6222, routes: ['nats-route://127.0.0.1:6221', 'nats-route://127.0.0.1:6222'], routeAuth: { user: 'route', password: 'p'.repeat(32) } },
    });
    expect(text).toContain('server_name: "n2"\njetstream {');
    expect(text).toContain(`cluster {\n  name: "dew"\n  listen: "127.0.0.1:6222"\n  authorization { user: "route", password: "${'p'.repeat(32)}" }\n  routes: ["nats-route://127.0.0.1:6221", "nats-route://127.0.0.1:6222"]\n}\n`);
  });

  it('a cluster node without a route password (an open route port: no user permissions bind a route) is refused', () => {
    expect(() => renderNatsConfig({
      host: '127.0.0.1', port: 1, storeDir: '/s',
      cluster: { name: 'dew', serverName: 'n1', host: '127.0.0.1', port: 6222, routes: [], routeAuth: { user: 'route', password: '' } },
    })).toThrow(/route user and a password/);
  });

  it('a route URL logs in with the route account', () => {
    expect(routeUrl('127.0.0.1', 6222, { user: 'route', password: 'Ab-_9'.repeat(4) })).toBe(`nats-route://route:${'Ab-_9'.repeat(4)}@127.0.0.1:6222`);
  });

  it('with an empty allow list throws because nats-server would read it as allow-all', () => {
    expect(() => renderNatsConfig({
      host: 'h', port: 1, storeDir: '/s', users: [{ user: 'u', password: 'p', subscribe: { allow: [] } }],
    })).toThrow(/subscribe\.allow is empty/);
  });

  it('with a non-integer port throws a RangeError naming the value', () => {
    expect(() => renderNatsConfig({ host: 'h', port: 1.5, storeDir: '/s' })).toThrow('port must be a non-negative integer, got 1.5');
  });

  it('with allowResponses limits renders max and expires', () => {
    const text = renderNatsConfig({ host: 'h', port: 1, storeDir: '/s', users: [{ user: 'u', password: 'p', allowResponses: { max: 1, expiresMs: 500 } }] });
    expect(text).toContain('permissions: { allow_responses: { max: 1, expires: "500ms" } }');
  });
});

describe('quote', () => {
  it('escapes backslash, double quote and control characters with the escapes the nats-server lexer knows', () => {
    expect(quote('a\\b"c\nd\te\rf\u0001g\u007f')).toBe('"a\\\\b\\"c\\nd\\te\\rf\\x01g\\x7f"');
  });

  it('leaves $, # and non-ASCII characters as they are', () => {
    expect(quote('$HOME #x é')).toBe('"$HOME #x é"');
  });
});
