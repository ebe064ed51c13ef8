/**
 * How long sessions are kept: WEBTRACE_RETENTION_DAYS (0: until erased), and
 * per site (a session's `site`, its origin) from WEBTRACE_RETENTION_FILE. A
 * session expires that many days after it started; the sweeper deletes it,
 * and until it has, the read API already treats it as gone.
 */
export interface Retention {
  days: number;
  /** Days per site, overriding `days` (0: that site's sessions are kept until erased). */
  sites?: Readonly<Record<string, number>>;
}
