// The ingest floor: what any server that keeps the issues' guarantees must do per batch, and nothing
// else. A bare node:http server (as bare-ingest-server.mjs) that decodes the body with the project's
// own decoder (gunzip, JSON, the zod batch schema, the rrweb payload and timestamp checks), scrubs
// every chunk a second time (lib/privacy/scrub-chunk.ts), serialises and gzips each as it is kept at
// rest (server/store/chunk-codec.ts), and writes them to one file it fsyncs before answering. No
// Fastify, auth, dedup, index, caps or journal. Run as its own process by the ingest bench
// (node --import tsx bench/support/floor-ingest-server.ts DIR); prints "listening on URL".
import { open } from 'node:fs/promises';
import { createServer } from 'node:http';
import path from 'node:path';
import { scrubChunk } from '../../lib/privacy/scrub-chunk';
import { DEFAULT_BODY_LIMITS, decodeBatch } from '../../server/ingest/decode-batch';
import { encodeChunk } from '../../server/store/chunk-codec';
import type { StoredChunk } from '../../server/store/records';

const dir = process.argv[2]!;
let n = 0;

const server = createServer((req, res) => {
  const parts: Buffer[] = [];
  req.on('data', (p: Buffer) => parts.push(p));
  req.on('end', async () => {
    try {
      const batch = await decodeBatch(Buffer.concat(parts), req.headers['content-encoding'], DEFAULT_BODY_LIMITS);
      const { batchId, installId, orgId, extensionVersion, consentVersion } = batch;
      const stored = batch.chunks.map((chunk): StoredChunk => ({
        ...scrubChunk(chunk),
        batchId,
        installId,
        orgId,
        extensionVersion,
        consentVersion,
      }));
      const encoded = await Promise.all(stored.map(encodeChunk));
      const file = await open(path.join(dir, `${n++}.gz`), 'w');
      await file.writeFile(Buffer.concat(encoded.map((e) => e.data)));
      await file.sync();
      await file.close();
      res
        .writeHead(200, { 'Content-Type': 'application/json' })
        .end(JSON.stringify({ batchId: batch.batchId, stored: batch.chunks.length, duplicates: 0 }));
    } catch (err) {
      res.writeHead(400).end(String(err));
    }
  });
});
server.listen(0, '127.0.0.1', () => console.log(`listening on http://127.0.0.1:${(server.address() as { port: number }).port}`));
