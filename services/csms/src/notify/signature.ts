import { createHmac } from 'node:crypto';

/** Headers of a webhook delivery (docs/api-decisions.md, "Secret events"). */
export const SIGNATURE_HEADER = 'x-dew-signature';
export const TIMESTAMP_HEADER = 'x-dew-timestamp';
export const NOTIFICATION_ID_HEADER = 'x-dew-notification-id';

/** `sha256=<hex>`: HMAC-SHA256 keyed with the event's signing key (hex-decoded) over `<timestamp>.<body>`. */
export function signDelivery(signingKeyHex: string, timestamp: string, body: string): string {
  return `sha256=${createHmac('sha256', Buffer.from(signingKeyHex, 'hex')).update(`${timestamp}.${body}`).digest('hex')}`;
}
