import { Injectable } from '@nestjs/common';

/** Figures a service reports with its health (cache sizes, evictions …). */
@Injectable()
export class HealthDetails {
  readonly #sources = new Map<string, () => unknown>();
  add(name: string, source: () => unknown): void {
    this.#sources.set(name, source);
  }
  read(): Record<string, unknown> {
    return Object.fromEntries([...this.#sources].map(([name, source]) => [name, source()]));
  }
}
