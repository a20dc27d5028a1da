import { Inject, Injectable } from '@nestjs/common';
import type { TokenReply } from '@dew/contracts';
import { HttpReply } from '@dew/messaging';
import { SERVICE_SETTINGS, type ServiceSettings } from '@dew/nest-kit';
import { tokenView, type TokenSubject } from './token-view.js';

/** Renders tokens in this service's region; `nocatalog` (any value) leaves the catalog out. */
@Injectable()
export class TokenViews {
  constructor(@Inject(SERVICE_SETTINGS) private readonly settings: ServiceSettings) {}

  render({ account, user, claims }: TokenSubject, nocatalog: string | undefined) {
    return tokenView(account, user, claims, { withCatalog: nocatalog === undefined, region: this.settings.region });
  }

  /** The answer of a token route: the token's view, the token itself in `X-Subject-Token`. */
  reply(subject: TokenSubject, nocatalog: string | undefined, status: 200 | 201, token: string): HttpReply<TokenReply> {
    return new HttpReply({ token: this.render(subject, nocatalog) }, status, { 'X-Subject-Token': token });
  }
}
