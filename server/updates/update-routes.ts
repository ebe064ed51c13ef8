import { createReadStream } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { HttpError } from '../http/http-error';

export interface UpdateRoutesOptions {
  /** A release written by `npm run package`: updates.xml and crx/webtrace-<version>.crx. */
  releaseDir: string;
}

export const UPDATES_PATH = '/updates.xml';

/** Only released CRX names: nothing else of the release directory (policies hold the ingest token) is ever served. */
const crxParams = z.object({ file: z.string().regex(/^webtrace-\d{1,5}(\.\d{1,5}){0,3}\.crx$/, 'not a released CRX name') });

/**
 * Self-hosted distribution: the update manifest browsers poll and the CRX it
 * points to, so the one URL in ExtensionInstallForcelist both installs and
 * updates. No token: browsers' update checks carry no credentials. Files are
 * read per request, so publishing a version is writing the release again.
 */
export async function updateRoutes(app: FastifyInstance, opts: UpdateRoutesOptions): Promise<void> {
  const dir = path.resolve(opts.releaseDir);

  app.get(UPDATES_PATH, async (_request, reply) => {
    let xml: Buffer;
    try {
      xml = await readFile(path.join(dir, 'updates.xml'));
    } catch {
      throw new HttpError(404, 'not_found', 'no release published: run npm run package into the release directory');
    }
    return reply.header('cache-control', 'no-cache').type('application/xml; charset=utf-8').send(xml);
  });

  app.get('/crx/:file', async (request, reply) => {
    const parsed = crxParams.safeParse(request.params);
    if (!parsed.success) throw new HttpError(404, 'not_found', 'no such CRX');
    const file = path.join(dir, 'crx', parsed.data.file);
    const info = await stat(file).catch(() => null);
    if (!info?.isFile()) throw new HttpError(404, 'not_found', `no such CRX: ${parsed.data.file}`);
    return reply
      .header('content-length', info.size)
      .header('cache-control', 'public, max-age=31536000, immutable')
      .type('application/x-chrome-extension')
      .send(createReadStream(file));
  });
}
