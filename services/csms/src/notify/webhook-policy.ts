import { lookup } from 'node:dns/promises';
import { BlockList, isIP } from 'node:net';
import { Injectable } from '@nestjs/common';
import { WebhookHostNotAllowed, type DewError } from '@dew/contracts';
import { NotifySettings } from './notify-settings.js';

/** Addresses a webhook may not reach unless its host is allowed by configuration (SSRF). */
const INTERNAL = new BlockList();
for (const [net, bits] of [['0.0.0.0', 8], ['10.0.0.0', 8], ['100.64.0.0', 10], ['127.0.0.0', 8], ['169.254.0.0', 16], ['172.16.0.0', 12], ['192.168.0.0', 16], ['224.0.0.0', 4], ['240.0.0.0', 4]] as const) {
  INTERNAL.addSubnet(net, bits, 'ipv4');
}
for (const [net, bits] of [['::', 128], ['::1', 128], ['fc00::', 7], ['fe80::', 10], ['ff00::', 8]] as const) {
  INTERNAL.addSubnet(net, bits, 'ipv6');
}

const bare = (host: string): string => host.replace(/^\[|\]$/g, '').toLowerCase();

/**
 * Where webhooks may go (docs/api-decisions.md, "Secret events"): a host whose address is
 * loopback, private, link-local or otherwise internal is refused unless
 * DEW_CSMS_WEBHOOK_ALLOWED_HOSTS names it. Checked on create and update (literal addresses and
 * `localhost`) and again before each delivery on the resolved addresses (a name may change).
 */
@Injectable()
export class WebhookPolicy {
  constructor(private readonly settings: NotifySettings) {}

  /** On create and update: refuses a literal internal address or `localhost` that is not allowed. */
  checkTarget(url: string | undefined): void {
    if (url === undefined || !URL.canParse(url)) return;
    const host = bare(new URL(url).hostname);
    const refusal = this.#refusal(host, isIP(host) ? [host] : host === 'localhost' || host.endsWith('.localhost') ? ['127.0.0.1'] : []);
    if (refusal) throw refusal;
  }

  /** Before delivery: the reason the URL may not be called, or null. */
  async refusalBeforeDelivery(url: string): Promise<DewError | null> {
    const host = bare(new URL(url).hostname);
    if (this.settings.allowedHosts.has(host)) return null;
    const addresses = isIP(host) ? [host] : (await lookup(host, { all: true }).catch(() => [])).map((a) => a.address);
    if (addresses.length === 0) return WebhookHostNotAllowed(host, 'it does not resolve');
    return this.#refusal(host, addresses);
  }

  #refusal(host: string, addresses: readonly string[]): DewError | null {
    if (this.settings.allowedHosts.has(host)) return null;
    const internal = addresses.find((a) => INTERNAL.check(a, isIP(a) === 6 ? 'ipv6' : 'ipv4'));
    return internal === undefined ? null : WebhookHostNotAllowed(host, `${internal} is a loopback, private or link-local address`);
  }
}
