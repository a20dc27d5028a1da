/** A refusal of the token layer; `kind` decides the gRPC status, `message` never holds key material. */
export type TokenErrorKind = 'NOT_FOUND' | 'UNSUPPORTED' | 'INVALID_ARGUMENT' | 'FAILED';

export class TokenError extends Error {
  constructor(readonly kind: TokenErrorKind, message: string) {
    super(message);
    this.name = 'TokenError';
  }
}
