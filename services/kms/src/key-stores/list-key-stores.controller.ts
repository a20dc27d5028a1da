import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { KeyStoreFieldInvalid, kmsOperations, type ListKeyStoresRequest, type ReplyOf } from '@dew/contracts';
import { keyStoresOf } from '@dew/kms-domain';
import type { RequestContext } from '@dew/messaging';
import { Caller, Handles } from '@dew/nest-kit';
import { Keyrings } from '../keys/keyrings.js';
import { toKeystoreDetails } from './key-store-views.js';

/** Page size bounds (Huawei states none; docs/api-decisions.md, "Key stores"). */
export const KEYSTORE_LIST_LIMIT_MAX = 100;

/** list-key-stores: the project's key stores, oldest first, `offset` skipped, at most `limit`; `total` counts them all. */
@Controller()
export class ListKeyStoresController {
  constructor(private readonly keyrings: Keyrings) {}

  @Handles(kmsOperations.listKeyStores)
  list(@Payload() req: ListKeyStoresRequest, @Caller() ctx: RequestContext): ReplyOf<typeof kmsOperations.listKeyStores> {
    const limit = bounded('limit', req.limit, 1, KEYSTORE_LIST_LIMIT_MAX, KEYSTORE_LIST_LIMIT_MAX);
    const offset = bounded('offset', req.offset, 0, Number.MAX_SAFE_INTEGER, 0);
    const stores = keyStoresOf(this.keyrings.of(ctx.projectId));
    return { total: stores.length, keystores: stores.slice(offset, offset + limit).map(toKeystoreDetails) };
  }
}

function bounded(field: string, value: string | undefined, min: number, max: number, absent: number): number {
  if (value === undefined) return absent;
  const n = /^\d{1,16}$/.test(value) ? Number(value) : NaN;
  if (!Number.isSafeInteger(n) || n < min || n > max) throw KeyStoreFieldInvalid(field, `must be an integer ${min}..${max === Number.MAX_SAFE_INTEGER ? '' : max}`.replace(/\.\.$/, ' or more'), value);
  return n;
}
