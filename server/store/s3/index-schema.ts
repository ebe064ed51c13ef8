import type pg from 'pg';

/**
 * The s3 store's index in PostgreSQL. Objects hold the chunks; these tables
 * say which exist and what they add up to, and their constraints decide
 * races between instances:
 *   wt_session_owners  the install that first wrote a session (a claim: first insert wins)
 *   wt_sessions        a session's summary (the fs store's meta.json), row-locked while updated
 *   wt_chunks          one row per stored chunk; the primary key decides which instance stored it
 *   wt_receipts        batch receipts; the primary key makes a batch id answer once
 *   wt_drops           devices' drop reports, each kept once
 *   wt_shot_drops      devices' discarded-screenshot totals, the highest per (session, page, reason)
 *   wt_consent_receipts  consent receipts, immutable; the primary key makes a receipt id store once
 *   wt_tombstones        erased installs; their batches are refused (lifecycle-rows.ts)
 *   wt_install_credentials  an install's credential hashes; `version` makes each change a compare-and-set
 *   wt_shots             one row per stored screenshot; the primary key makes a (session, page, takenAt) store once (shots.ts)
 *   wt_export_lineage    an export's pseudonym -> install mapping and rebuild settings (export-lineage-rows.ts)
 */
export const INDEX_DDL = `
CREATE TABLE IF NOT EXISTS wt_session_owners (
  session_id uuid PRIMARY KEY,
  install_id uuid NOT NULL
);
CREATE TABLE IF NOT EXISTS wt_sessions (
  id uuid PRIMARY KEY,
  install_id uuid NOT NULL,
  meta jsonb,
  site text,
  started_at bigint
);
CREATE INDEX IF NOT EXISTS wt_sessions_install ON wt_sessions (install_id);
CREATE INDEX IF NOT EXISTS wt_sessions_started ON wt_sessions (started_at);
CREATE TABLE IF NOT EXISTS wt_chunks (
  session_id uuid NOT NULL,
  page integer NOT NULL,
  seq integer NOT NULL,
  object_key text NOT NULL,
  json_bytes integer NOT NULL,
  batch_id text NOT NULL,
  PRIMARY KEY (session_id, page, seq)
);
CREATE TABLE IF NOT EXISTS wt_receipts (
  batch_id text PRIMARY KEY,
  receipt jsonb NOT NULL
);
CREATE TABLE IF NOT EXISTS wt_drops (
  id bigserial PRIMARY KEY,
  session_id uuid NOT NULL,
  page integer NOT NULL,
  from_seq integer NOT NULL,
  to_seq integer,
  reason text NOT NULL,
  report jsonb NOT NULL,
  UNIQUE NULLS NOT DISTINCT (session_id, page, from_seq, to_seq, reason)
);
CREATE INDEX IF NOT EXISTS wt_drops_session ON wt_drops (session_id);
CREATE TABLE IF NOT EXISTS wt_shot_drops (
  session_id uuid NOT NULL,
  page integer NOT NULL,
  reason text NOT NULL,
  count bigint NOT NULL,
  report jsonb NOT NULL,
  PRIMARY KEY (session_id, page, reason)
);
CREATE TABLE IF NOT EXISTS wt_consent_receipts (
  receipt_id uuid PRIMARY KEY,
  install_id uuid NOT NULL,
  receipt jsonb NOT NULL
);
CREATE INDEX IF NOT EXISTS wt_consent_receipts_install ON wt_consent_receipts (install_id);
CREATE TABLE IF NOT EXISTS wt_tombstones (
  install_id uuid PRIMARY KEY,
  tombstone jsonb NOT NULL
);
CREATE TABLE IF NOT EXISTS wt_install_credentials (
  install_id uuid PRIMARY KEY,
  version integer NOT NULL,
  record jsonb NOT NULL
);
CREATE TABLE IF NOT EXISTS wt_shots (
  session_id uuid NOT NULL,
  page integer NOT NULL,
  taken_at bigint NOT NULL,
  install_id uuid NOT NULL,
  sha256 text NOT NULL,
  object_key text NOT NULL,
  record jsonb NOT NULL,
  PRIMARY KEY (session_id, page, taken_at)
);
CREATE TABLE IF NOT EXISTS wt_export_lineage (
  export_id text PRIMARY KEY,
  created_at bigint NOT NULL,
  record jsonb NOT NULL
);
`;

/** Any number taken from the key space of pg_advisory_lock; names "webtrace index schema". */
const SCHEMA_LOCK = 0x77745f31;

/** Creates the tables if missing. Instances starting together take turns (concurrent CREATE IF NOT EXISTS can collide). */
export async function ensureIndexSchema(pool: pg.Pool): Promise<void> {
  const client = await pool.connect();
  try {
    await client.query('SELECT pg_advisory_lock($1)', [SCHEMA_LOCK]);
    try {
      await client.query(INDEX_DDL);
    } finally {
      await client.query('SELECT pg_advisory_unlock($1)', [SCHEMA_LOCK]);
    }
  } finally {
    client.release();
  }
}
