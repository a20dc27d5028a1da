/** Every way a remote edit can fail that is the remote side's doing (not the caller's). */
export type RemoteFailure = 'AUTH_FAILED' | 'UNREACHABLE' | 'HOST_KEY_CHANGED' | 'FILE_CHANGED' | 'REMOTE_COMMAND_FAILED';

/**
 * A remote failure with a message for people. Messages are composed from fixed text, the address
 * and error codes; never from a credential, nor from text ssh2 produced while holding one.
 */
export class RemoteError extends Error {
  constructor(
    readonly failure: RemoteFailure,
    message: string,
    /** The server's host key ("type base64") when the key exchange completed, so it is verified. */
    readonly hostKey?: string,
  ) {
    super(message);
    this.name = 'RemoteError';
  }
}
