// The ingest baseline: a bare node:http server that reads each POST body, gunzips it, parses the
// JSON and writes it to a file it fsyncs before answering 200. Run as its own process by the
// bench (node bench/support/bare-ingest-server.mjs DIR); prints "listening on URL".
import { createServer } from 'node:http';
import { open } from 'node:fs/promises';
import { gunzip } from 'node:zlib';
import { promisify } from 'node:util';
import path from 'node:path';

const dir = process.argv[2];
const inflate = promisify(gunzip);
let n = 0;

const server = createServer((req, res) => {
  const parts = [];
  req.on('data', (p) => parts.push(p));
  req.on('end', async () => {
    try {
      const text = (await inflate(Buffer.concat(parts))).toString('utf8');
      const batch = JSON.parse(text);
      const file = await open(path.join(dir, `${n++}.json`), 'w');
      await file.writeFile(text);
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
server.listen(0, '127.0.0.1', () => console.log(`listening on http://127.0.0.1:${server.address().port}`));
