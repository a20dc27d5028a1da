import { createHmac } from 'node:crypto';
import { NotifySettings } from './notify-settings.js';
import { signDelivery } from './signature.js';
import { WebhookPolicy } from './webhook-policy.js';

function policyAllowing(hosts: string): WebhookPolicy {
  const before = process.env.DEW_CSMS_WEBHOOK_ALLOWED_HOSTS;
  process.env.DEW_CSMS_WEBHOOK_ALLOWED_HOSTS = hosts;
  try {
    return new WebhookPolicy(new NotifySettings());
  } finally {
    if (before === undefined) delete process.env.DEW_CSMS_WEBHOOK_ALLOWED_HOSTS;
    else process.env.DEW_CSMS_WEBHOOK_ALLOWED_HOSTS = before;
  }
}

describe('webhook policy (SSRF)', () => {
  const strict = policyAllowing('');

  it.each(['http://127.0.0.1/h', 'http://10.0.0.5/h', 'http://192.168.1.1/h', 'http://172.16.9.9/h', 'http://169.254.169.254/latest', 'http://[::1]/h', 'http://[fd00::1]/h', 'http://[::ffff:127.0.0.1]/h', 'http://localhost:8080/h', 'http://0.0.0.0/h'])(
    'internal target %s is refused on create with CSMS.0002 naming the host and the setting',
    (url) => {
      expect(() => strict.checkTarget(url)).toThrow(expect.objectContaining({ code: 'CSMS.0002', message: expect.stringContaining('DEW_CSMS_WEBHOOK_ALLOWED_HOSTS') }));
    },
  );

  it('a public literal address and a host name pass the create check', () => {
    expect(() => strict.checkTarget('https://93.184.216.34/h')).not.toThrow();
    expect(() => strict.checkTarget('https://hooks.example.com/h')).not.toThrow();
  });

  it('a host named in DEW_CSMS_WEBHOOK_ALLOWED_HOSTS is allowed on create and at connection time whatever its address', () => {
    const loose = policyAllowing('127.0.0.1, Internal.Example');
    expect(() => loose.checkTarget('http://127.0.0.1:9/h')).not.toThrow();
    expect(loose.refusal('127.0.0.1', '127.0.0.1')).toBeNull();
    expect(loose.refusal('internal.example', '10.0.0.5')).toBeNull();
  });

  it('at connection time a non-global address is refused for a host not allowed (a stored event cannot bypass the policy)', () => {
    expect(strict.refusal('hooks.example.com', '10.0.0.5')).toMatchObject({ code: 'CSMS.0002', message: expect.stringContaining('10.0.0.5 is not a global unicast address') });
    expect(strict.refusal('hooks.example.com', '93.184.216.34')).toBeNull();
  });
});

describe('delivery signature', () => {
  it('is HMAC-SHA256 of "<timestamp>.<body>" under the hex-decoded key, as sha256=<hex>', () => {
    const key = 'ab'.repeat(32);
    const expected = createHmac('sha256', Buffer.from(key, 'hex')).update('1700000000.{"a":1}').digest('hex');
    expect(signDelivery(key, '1700000000', '{"a":1}')).toBe(`sha256=${expected}`);
    expect(signDelivery(key, '1700000001', '{"a":1}')).not.toBe(`sha256=${expected}`);
  });
});
