/** Params of a path matched against a pattern such as `/kms/keys/:keyId`, or null. */
export function matchPath(pattern: string, path: string): Record<string, string> | null {
  const want = pattern.split('/').filter(Boolean);
  const got = path.split('/').filter(Boolean);
  if (want.length !== got.length) return null;
  const params: Record<string, string> = {};
  for (const [i, part] of want.entries()) {
    const seg = got[i] ?? '';
    if (part.startsWith(':')) {
      let value: string;
      try {
        value = decodeURIComponent(seg);
      } catch {
        return null;
      }
      // A parameter goes into an API path: `.` or `..` there would name another resource.
      if (value === '.' || value === '..') return null;
      params[part.slice(1)] = value;
    } else if (part !== seg) return null;
  }
  return params;
}

/** A path with each parameter encoded: `pathTo('/kms/keys/:keyId', { keyId })`. */
export function pathTo(pattern: string, params: Readonly<Record<string, string>> = {}): string {
  return pattern.replace(/:([A-Za-z]+)/g, (_, name: string) => encodeURIComponent(params[name] ?? ''));
}
