/** What one session and one install may store (settings WEBTRACE_MAX_SESSION_BYTES, WEBTRACE_MAX_INSTALL_BYTES_PER_DAY). */
export interface IngestCaps {
  maxSessionBytes: number;
  maxInstallBytesPerDay: number;
}

export const DEFAULT_INGEST_CAPS: IngestCaps = {
  maxSessionBytes: 512 * 1024 * 1024,
  maxInstallBytesPerDay: 1024 * 1024 * 1024,
};
