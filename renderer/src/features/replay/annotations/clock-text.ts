/** "1:02:03", "02:03", "123" (seconds) → milliseconds; undefined when not a time. */
export function parseClock(text: string): number | undefined {
  const s = text.trim();
  if (!/^\d+(:\d{1,2}){0,2}$/.test(s)) return undefined;
  const parts = s.split(':').map(Number);
  if (parts.slice(1).some((p) => p >= 60)) return undefined;
  return parts.reduce((acc, p) => acc * 60 + p, 0) * 1000;
}
