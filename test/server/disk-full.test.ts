import { mkdir, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { JournalEntry } from '../../server/store/batch-journal';
import type { ServerProcess } from '../../e2e/support/server-process';
import { enrolOn, readFrom as read, sendBatch as post, useSpawnedServers } from '../support/spawned-server';
import { makeBatch, makeChunk, newSessionId } from './fixtures';
import { makeFullDisk, type FullDisk } from './full-disk';

/**
 * Probe: the disk fills up. A server started while it is full, with a batch
 * a crash left in the journal, still starts and serves reads; uploads get 507
 * (nothing acknowledged) until there is space, then the journalled batch is
 * finished and uploads are stored again. The disk is a real small tmpfs when
 * the test runs as root, else writes fail through an injected ENOSPC
 * (test/server/full-disk.ts); the run prints which.
 */
const INSTALL = '3f0c1a52-8a43-4e4b-9a57-1f2d3c4b5a69';

let disk: FullDisk | null = null;
afterEach(async () => {
  await disk?.dispose();
  disk = null;
});
// Registered after the disk's hook, so it runs first: the servers are killed before their disk goes.
const servers = useSpawnedServers();
let server: ServerProcess;

const start = (d: FullDisk) => servers.start({ dataDir: d.dataDir, nodeArgs: d.nodeArgs, env: d.env });

describe('a full disk', () => {
  it('lets a server with a journalled batch start, serve reads and refuse uploads with 507 until space is back', async () => {
    disk = await makeFullDisk();
    console.log(
      `[disk-full] the full disk is ${disk.kind === 'tmpfs' ? 'a 16 MB tmpfs filled with a file' : 'an injected ENOSPC on every write (not root)'}`,
    );
    const a = newSessionId();
    const b = newSessionId();
    server = await start(disk);
    expect((await post(server.url, makeBatch([makeChunk({ sessionId: a })], { installId: INSTALL }))).status).toBe(200);
    await server.kill();

    // A crash after batch B was journalled, before any of it was applied.
    const chunkB = {
      ...makeChunk({ sessionId: b }),
      batchId: 'batch_interrupted_b',
      installId: INSTALL,
      orgId: null,
      extensionVersion: '0.1.0',
    };
    const entry: JournalEntry = {
      receipt: { batchId: 'batch_interrupted_b', stored: 1, duplicates: 0, installId: INSTALL },
      chunks: [chunkB],
      dropped: [],
    };
    await mkdir(join(disk.dataDir, 'journal'), { recursive: true });
    await writeFile(join(disk.dataDir, 'journal', 'batch_interrupted_b.json'), JSON.stringify(entry));
    await disk.fill();

    server = await start(disk);
    const listed = await (await read(server.url, '/v1/sessions')).json();
    expect(listed.sessions.map((s: { id: string }) => s.id)).toEqual([a]);
    expect((await read(server.url, `/v1/sessions/${a}`)).status).toBe(200);
    // Reading a session's content is recorded in the audit log first; a read that cannot be
    // recorded is refused, and says why.
    const unrecorded = await read(server.url, `/v1/sessions/${a}/events`);
    expect(unrecorded.status).toBe(503);
    expect(await unrecorded.json()).toMatchObject({ error: 'audit_unavailable' });
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);

    const c = makeBatch([makeChunk({ sessionId: newSessionId() })], { installId: INSTALL });
    const refused = await post(server.url, c);
    expect(refused.status).toBe(507);
    expect(await refused.json()).toMatchObject({ error: 'insufficient_storage' });
    expect((await (await read(server.url, '/v1/stats')).json()).rejected).toEqual({ insufficient_storage: 1 });

    await disk.free();
    expect((await post(server.url, c)).status).toBe(200);
    // The interrupted batch was finished first.
    expect((await read(server.url, `/v1/sessions/${b}`)).status).toBe(200);
    expect((await read(server.url, `/v1/sessions/${a}/events`)).status).toBe(200);
    expect(await readdir(join(disk.dataDir, 'journal'))).toEqual([]);
  }, 60_000);

  it('answers 507, not 500, when the disk fills while the server runs, and stores again once freed', async () => {
    disk = await makeFullDisk();
    server = await start(disk);
    await enrolOn(server.url, INSTALL); // as the extension did before the disk filled
    await disk.fill();
    const batch = makeBatch([makeChunk({ sessionId: newSessionId() }), makeChunk({ sessionId: newSessionId() })], { installId: INSTALL });
    const refused = await post(server.url, batch);
    expect(refused.status).toBe(507);
    await disk.free();
    const res = await post(server.url, batch);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ stored: 2, duplicates: 0 });
  }, 60_000);
});
