import { randomBytes } from 'node:crypto';
import pg from 'pg';
import type { PostgresSettings } from './engine-settings';

/** A new, empty database of its own for one test or file on a shared cluster; its URL. */
export async function createTestDatabase(pgSettings: PostgresSettings, label: string): Promise<string> {
  const name = `${label
    .toLowerCase()
    .replace(/[^a-z0-9_]/g, '_')
    .slice(0, 40)}_${randomBytes(6).toString('hex')}`;
  const client = new pg.Client({ connectionString: pgSettings.databaseUrl });
  await client.connect();
  try {
    await client.query(`CREATE DATABASE ${pg.escapeIdentifier(name)}`);
  } finally {
    await client.end();
  }
  const url = new URL(pgSettings.databaseUrl);
  url.pathname = `/${name}`;
  return url.toString();
}
