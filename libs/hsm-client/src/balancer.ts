/**
 * Round-robin over named targets, skipping for `cooldownMs` a target that failed transiently.
 * When every target is cooling down it returns the one that failed longest ago rather than none.
 */
export class Balancer<T extends { readonly name: string }> {
  readonly #downUntil: number[];
  #next = 0;

  constructor(private readonly targets: readonly T[], private readonly cooldownMs: number, private readonly now: () => number = Date.now) {
    if (targets.length === 0) throw new Error('a balancer needs at least one target');
    this.#downUntil = targets.map(() => 0);
  }

  /** The next target in turn, or the one named `pinned`. */
  pick(pinned?: string): T {
    if (pinned !== undefined) {
      const t = this.targets.find((x) => x.name === pinned);
      if (!t) throw new Error(`no HSM instance named ${pinned}`);
      return t;
    }
    const now = this.now();
    for (let i = 0; i < this.targets.length; i++) {
      const index = (this.#next + i) % this.targets.length;
      if (this.#downUntil[index]! <= now) {
        this.#next = (index + 1) % this.targets.length;
        return this.targets[index]!;
      }
    }
    let oldest = 0;
    this.#downUntil.forEach((until, i) => { if (until < this.#downUntil[oldest]!) oldest = i; });
    return this.targets[oldest]!;
  }

  markDown(target: T): void {
    const i = this.targets.indexOf(target);
    if (i >= 0) this.#downUntil[i] = this.now() + this.cooldownMs;
  }
}
