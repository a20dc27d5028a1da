import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { isIP, type LookupFunction } from 'node:net';
import { Injectable } from '@nestjs/common';
import { WebhookHostNotAllowed, type DewError } from '@dew/contracts';
import { isGlobalUnicast } from './global-unicast.js';
import { NotifySettings } from './notify-settings.js';

/** A URL's host without IPv6 brackets, lower-case. */
export const bareHost = (url: string): string => new URL(url).hostname.replace(/^\[|\]$/g, '').toLowerCase();

/**
 * Where webhooks may go (docs/api-decisions.md, "Secret events"): only global unicast addresses,
 * unless DEW_CSMS_WEBHOOK_ALLOWED_HOSTS names the host. Checked on create and update (literal
 * addresses and `localhost`) and at connection time: the delivery's own DNS lookup checks every
 * address it resolves and the socket connects only to those (no second resolution to rebind).
 */
@Injectable()
export class WebhookPolicy {
  constructor(private readonly settings: NotifySettings) {}

  /** On create and update: refuses a literal non-global address or `localhost` that is not allowed. */
  checkTarget(url: string | undefined): void {
    if (url === undefined || !URL.canParse(url)) return;
    const host = bareHost(url);
    const refusal = this.refusal(host, isIP(host) ? host : host === 'localhost' || host.endsWith('.localhost') ? '127.0.0.1' : null);
    if (refusal) throw refusal;
  }

  /** Why `host` may not be reached at `address` (null: it may; a null address is a name not yet resolved). */
  refusal(host: string, address: string | null): DewError | null {
    if (this.settings.allowedHosts.has(host) || address === null || isGlobalUnicast(address)) return null;
    return WebhookHostNotAllowed(host, `${address} is not a global unicast address (loopback, private, link-local or special-purpose)`);
  }

  /**
   * The `lookup` a delivery's socket uses for `host`: one resolution, refused as a whole when any
   * address is not allowed, so the connection can only go to an address that was checked.
   */
  connectLookup(host: string): LookupFunction {
    return (hostname, options, callback) => {
      dnsLookup(hostname, { all: true, family: options.family ?? 0 }, (err, addresses: LookupAddress[]) => {
        if (err) return callback(err, '', 0);
        const refusal = addresses.map((a) => this.refusal(host, a.address)).find((r) => r !== null) ?? (addresses.length === 0 ? WebhookHostNotAllowed(host, 'it does not resolve') : null);
        if (refusal) return callback(refusal as unknown as NodeJS.ErrnoException, '', 0);
        if (options.all) return (callback as unknown as (e: null, a: LookupAddress[]) => void)(null, addresses);
        const [first] = addresses as [LookupAddress];
        callback(null, first.address, first.family);
      });
    };
  }
}
