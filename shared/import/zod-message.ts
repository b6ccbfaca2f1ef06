/** Formats a zod error as one short sentence. */
export function describeZodError(err: { issues: readonly { path: readonly PropertyKey[]; message: string }[] }): string {
  const first = err.issues[0];
  if (!first) return 'invalid value';
  const where = first.path.length ? `${first.path.map(String).join('.')}: ` : '';
  const more = err.issues.length > 1 ? ` (and ${err.issues.length - 1} more)` : '';
  return `${where}${first.message}${more}`;
}
