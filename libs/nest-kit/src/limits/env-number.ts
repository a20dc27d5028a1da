type Env = Readonly<Record<string, string | undefined>>;

/**
 * A whole number from the environment within `[min, max]`, or `fallback` when the variable is
 * unset or empty. Anything else stops the start, naming the variable, the bounds and the value:
 * a limit that silently fell back to its default would hide a typo in an operator's setting.
 */
export function wholeNumberFromEnv(env: Env, name: string, fallback: number, min: number, max: number): number {
  const value = env[name];
  if (value === undefined || value === '') return fallback;
  const n = Number(value);
  if (!/^\d{1,12}$/.test(value) || n < min || n > max) throw new Error(`${name} must be a whole number from ${min} to ${max}, got ${JSON.stringify(value.slice(0, 40))}`);
  return n;
}
