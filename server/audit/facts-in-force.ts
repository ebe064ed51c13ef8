import type { Role } from '../auth/roles';
import type { Retention } from '../settings/retention';
import { DEFAULT_PROCESSING_FACTS, type ProcessingFacts } from './processing-facts';

export interface ServerFacts {
  retention: Retention;
  /** The roles that have at least one token. */
  roles: readonly Role[];
}

/** The Art. 30 record's facts as this server runs: its retention, consent and token roles over the product's defaults. */
export function factsInForce(server: ServerFacts): ProcessingFacts {
  const d = DEFAULT_PROCESSING_FACTS;
  // 0 days means kept until erased: the record says so by leaving the site (or the default) out.
  const perSite = Object.fromEntries(Object.entries(server.retention.sites ?? {}).filter(([, days]) => days > 0));
  return {
    ...d,
    retention: { ...d.retention, days: server.retention.days > 0 ? server.retention.days : null, perSite },
    safeguards: {
      ...d.safeguards,
      // The server keeps every receipt it is sent (POST /v1/consent-receipts); the extension records nothing before consent.
      consent: { ...d.safeguards.consent, receiptsKept: true },
      access: { roles: server.roles.length ? [...server.roles] : ['ingest'], auditLog: true },
    },
  };
}
