import { Injectable } from '@nestjs/common';

/**
 * The notifier's settings from the environment (docs/api-decisions.md, "Secret events"):
 * DEW_CSMS_WEBHOOK_ALLOWED_HOSTS (comma-separated hosts that may be loopback, private or
 * special-purpose, none by default), DEW_CSMS_NOTIFY_ATTEMPTS (5), DEW_CSMS_NOTIFY_RETRY_MS (first
 * retry delay, doubled each time; 2000), DEW_CSMS_NOTIFY_TIMEOUT_MS (per attempt; 5000),
 * DEW_CSMS_NOTIFY_CONNECT_TIMEOUT_MS (to connect; 2000), DEW_CSMS_NOTIFY_CONCURRENCY (attempts
 * in flight; 8) and DEW_CSMS_NOTIFY_PER_PROJECT (attempts per project per pass; 4).
 */
@Injectable()
export class NotifySettings {
  readonly allowedHosts: ReadonlySet<string>;
  readonly maxAttempts: number;
  readonly retryBaseMs: number;
  readonly timeoutMs: number;
  readonly connectTimeoutMs: number;
  readonly concurrency: number;
  readonly perProjectPerPass: number;

  constructor() {
    const env = process.env;
    this.allowedHosts = new Set((env.DEW_CSMS_WEBHOOK_ALLOWED_HOSTS ?? '').split(',').map((h) => h.trim().toLowerCase()).filter((h) => h.length > 0));
    this.maxAttempts = positive(env.DEW_CSMS_NOTIFY_ATTEMPTS, 5);
    this.retryBaseMs = positive(env.DEW_CSMS_NOTIFY_RETRY_MS, 2000);
    this.timeoutMs = positive(env.DEW_CSMS_NOTIFY_TIMEOUT_MS, 5000);
    this.connectTimeoutMs = Math.min(positive(env.DEW_CSMS_NOTIFY_CONNECT_TIMEOUT_MS, 2000), this.timeoutMs);
    this.concurrency = positive(env.DEW_CSMS_NOTIFY_CONCURRENCY, 8);
    this.perProjectPerPass = positive(env.DEW_CSMS_NOTIFY_PER_PROJECT, 4);
  }
}

function positive(value: string | undefined, fallback: number): number {
  const n = Number(value);
  return value !== undefined && Number.isInteger(n) && n > 0 ? n : fallback;
}
