import type { FastifyInstance, FastifyReply } from 'fastify';
import { createViewerLoader } from './viewer-page';

export interface ViewerRoutesOptions {
  /** Where `npm run build:viewer` wrote index.html. */
  distDir: string;
}

export const VIEWER_PATH = '/viewer/';

const NOT_BUILT = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>webtrace viewer not built</title></head>
<body><main><h1>The viewer has not been built</h1>
<p>This server serves the researchers' viewer from <code>server/viewer/dist/</code>, which does not exist yet.
Build it with <code>npm run build:viewer</code> (<code>npm start</code> and <code>npm test</code> do this for you),
then reload this page.</p></main></body></html>
`;

/**
 * The viewer page, with no token: it is static code. Everything it shows comes
 * from the read API, which needs a reader token.
 */
export async function viewerRoutes(app: FastifyInstance, opts: ViewerRoutesOptions): Promise<void> {
  const load = createViewerLoader(opts.distDir);
  if (!(await load())) {
    app.log.warn({ distDir: opts.distDir }, `viewer not built: ${VIEWER_PATH} explains how (npm run build:viewer)`);
  }

  app.get('/', async (_request, reply) => reply.redirect(VIEWER_PATH));
  app.get('/viewer', async (_request, reply) => reply.redirect(VIEWER_PATH));
  app.get(VIEWER_PATH, async (_request, reply) => {
    const page = await load();
    securityHeaders(reply);
    if (!page) {
      return reply.code(503).header('content-security-policy', "default-src 'none'").type('text/html; charset=utf-8').send(NOT_BUILT);
    }
    return reply.header('content-security-policy', page.csp).type('text/html; charset=utf-8').send(page.html);
  });
}

function securityHeaders(reply: FastifyReply): void {
  reply
    .header('cache-control', 'no-cache')
    .header('x-content-type-options', 'nosniff')
    .header('referrer-policy', 'no-referrer')
    .header('x-frame-options', 'DENY');
}
