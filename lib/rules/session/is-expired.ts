/** A tab's session ends after a stretch of inactivity; the next page load starts a new one. */
export function isExpired(lastSeenAt: number, now: number, idleMs: number): boolean {
  return now - lastSeenAt > idleMs;
}
