/**
 * Body shapes a route may define (docs/api-decisions.md, "JSON array bodies"). Each returns the
 * fields to forward, or the reason the body is refused.
 */
export function objectBody(parsed: unknown): Record<string, unknown> | string {
  return isObject(parsed) ? parsed : 'request body must be a JSON object';
}

/** A JSON array of 1..maxItems objects, forwarded as `{items:[…]}`. */
export function arrayBody(parsed: unknown, maxItems: number): Record<string, unknown> | string {
  if (!Array.isArray(parsed)) return 'request body must be a JSON array of objects';
  if (parsed.length < 1 || parsed.length > maxItems) return `request body must hold 1 to ${maxItems} items, got ${parsed.length}`;
  const bad = parsed.findIndex((item) => !isObject(item));
  if (bad >= 0) return `request body item ${bad} must be a JSON object`;
  return { items: parsed };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
