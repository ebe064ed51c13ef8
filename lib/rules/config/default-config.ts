import { CONSENT_VERSION } from './consent-version';
import { DEV_ENDPOINT, DEV_INGEST_TOKEN, type Config } from '../../schema/config';

/** What a developer gets with no configuration at all: a local server and local sites. */
export const DEFAULT_CONFIG: Config = {
  endpoint: DEV_ENDPOINT,
  ingestToken: DEV_INGEST_TOKEN,
  orgId: null,
  sites: ['http://localhost/*', 'http://127.0.0.1/*', 'https://localhost/*', 'https://127.0.0.1/*'],
  blockedSites: [],
  captureOnByDefault: false,
  employeesMayChangeSites: true,
  pauseAllowed: true,
  recordingIndicator: true,
  consentVersion: CONSENT_VERSION,
  organizationNotice: null,
  purposeStatement: null,
  localCapBytes: 500 * 1024 * 1024,
  retentionDays: 30,
  uploadIntervalSeconds: 30,
  maskAllText: false,
  blockSelector: null,
  maskTextSelector: null,
  privacy: { captureValues: [], keepControlNames: false },
  upload: {
    delayMs: 5_000,
    thresholdBytes: 512 * 1024,
    maxBatchBytes: 2 * 1024 * 1024,
    maxBatchChunks: 200,
  },
  screenshots: null,
  sessionIdleMs: 30 * 60_000,
};
