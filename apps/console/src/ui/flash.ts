let pending: string | null = null;

/** A message for the next screen (a create lands on the new item's page and says so there). */
export function flash(message: string): void {
  pending = message;
}

/** The message left for this screen, once. */
export function takeFlash(): string | null {
  const m = pending;
  pending = null;
  return m;
}
