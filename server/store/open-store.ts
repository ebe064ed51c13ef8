import type { FastifyBaseLogger } from 'fastify';
import { S3Store, type S3StoreSettings } from './s3/s3-store';
import { SessionStore } from './session-store';
import type { Store } from './store';

/** Which store a server (or a tool) opens; server/settings parses them from WEBTRACE_STORE and friends. */
export type StoreSettings = { kind: 'fs'; dataDir: string } | S3StoreSettings;

export async function openStore(settings: StoreSettings, log: FastifyBaseLogger): Promise<Store> {
  return settings.kind === 's3' ? S3Store.open(settings, log) : SessionStore.open(settings.dataDir, log);
}
