import pg from 'pg';
import { afterAll, beforeAll } from 'vitest';
import { createTestDatabase } from './create-test-database';
import type { PostgresSettings } from './engine-settings';

/**
 * For a describe block: a database of its own (created before its tests, with `schema` applied)
 * and `connect()` for as many sessions as a test needs (one each, as separate server instances
 * have), all closed after the block.
 */
export function useTestDatabase(pgSettings: PostgresSettings, label: string, schema: string): { connect(): Promise<pg.Client> } {
  let databaseUrl: string | null = null;
  const clients: pg.Client[] = [];

  async function connect(): Promise<pg.Client> {
    if (!databaseUrl) throw new Error('useTestDatabase: connect() before the block started');
    const client = new pg.Client({ connectionString: databaseUrl });
    client.on('error', () => {}); // a terminated backend is part of some tests
    await client.connect();
    clients.push(client);
    return client;
  }

  beforeAll(async () => {
    databaseUrl = await createTestDatabase(pgSettings, label);
    await (await connect()).query(schema);
  });
  afterAll(async () => {
    await Promise.all(clients.map((c) => c.end().catch(() => {})));
  });
  return { connect };
}
