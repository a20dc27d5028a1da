/** The root-key ring's refusals: a closed set of codes, each with its named constructor. */
export type RootKeyRefusalCode = 'ROOT_KEY.ROTATION_IN_PROGRESS' | 'ROOT_KEY.VERSION_OUT_OF_ORDER' | 'ROOT_KEY.VERSION_NOT_CURRENT' | 'ROOT_KEY.UNKNOWN_HOLDER';

export class RootKeyRefusal extends Error {
  private constructor(readonly code: RootKeyRefusalCode, message: string) {
    super(message);
    this.name = 'RootKeyRefusal';
  }

  static rotationInProgress(live: readonly number[]): RootKeyRefusal {
    return new RootKeyRefusal('ROOT_KEY.ROTATION_IN_PROGRESS', `a root key rotation is still in progress: versions ${live.join(', ')} are live; wait until the older ones retire (dew root-key status)`);
  }

  static versionOutOfOrder(expected: number, got: number): RootKeyRefusal {
    return new RootKeyRefusal('ROOT_KEY.VERSION_OUT_OF_ORDER', `the next root key version is ${expected}, got ${got}`);
  }

  static versionNotCurrent(current: number, got: number): RootKeyRefusal {
    return new RootKeyRefusal('ROOT_KEY.VERSION_NOT_CURRENT', `re-wrap reported for root key version ${got}, but the current version is ${current}`);
  }

  static unknownHolder(holder: string, known: readonly string[]): RootKeyRefusal {
    return new RootKeyRefusal('ROOT_KEY.UNKNOWN_HOLDER', `${holder} is not a root key holder (one of ${known.join(', ')})`);
  }
}
