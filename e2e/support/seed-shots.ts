import type { Page } from 'playwright';
import { installOn } from './enrolled-install';
import { encodeShotMeta, SHOT_META_HEADER, SHOTS_ROUTE, type ShotMeta, type ShotTrigger } from '../../lib/schema/screenshot';

export interface SeedShot {
  takenAt: number;
  requestedAt: number;
  trigger: ShotTrigger;
  /** The image's one colour (#rrggbb), so a test can tell shots apart by their pixels. */
  colour: string;
}

/** WebPs made in the browser (OffscreenCanvas + convertToBlob, as the extension's worker makes them), one colour each. */
export async function browserWebps(page: Page, colours: readonly string[], size: { width: number; height: number }): Promise<Buffer[]> {
  const encoded = await page.evaluate(
    async ({ colours, size }) => {
      const out: string[] = [];
      for (const colour of colours) {
        const canvas = new OffscreenCanvas(size.width, size.height);
        const ctx = canvas.getContext('2d')!;
        ctx.fillStyle = colour;
        ctx.fillRect(0, 0, size.width, size.height);
        const blob = await canvas.convertToBlob({ type: 'image/webp', quality: 0.8 });
        if (blob.type !== 'image/webp') throw new Error(`the browser made ${blob.type}, not WebP`);
        const bytes = new Uint8Array(await blob.arrayBuffer());
        let binary = '';
        for (const b of bytes) binary += String.fromCharCode(b);
        out.push(btoa(binary));
      }
      return out;
    },
    { colours, size },
  );
  return encoded.map((b64) => Buffer.from(b64, 'base64'));
}

/** Posts shots of a session through the real ingest route, as the extension would (the ingest token and the install's credential, the metadata header). */
export async function uploadShots(
  page: Page,
  server: { url: string; ingestToken: string },
  session: { sessionId: string; installId: string; site: string; url: string; page: number },
  shots: readonly SeedShot[],
): Promise<ShotMeta[]> {
  const size = { width: 320, height: 200 };
  const images = await browserWebps(
    page,
    shots.map((s) => s.colour),
    size,
  );
  const install = await installOn(server, session.installId);
  const metas: ShotMeta[] = [];
  for (const [i, shot] of shots.entries()) {
    const meta: ShotMeta = {
      sessionId: session.sessionId,
      page: session.page,
      takenAt: shot.takenAt,
      installId: session.installId,
      orgId: null,
      extensionVersion: '0.0.0-seed',
      site: session.site,
      url: session.url,
      trigger: shot.trigger,
      requestedAt: shot.requestedAt,
      viewport: { width: 1024, height: 640 },
      scroll: { x: 0, y: 0 },
      image: { ...size, mime: 'image/webp', bytes: images[i]!.length },
      scale: size.width / 1024,
      redactedRegions: 0,
    };
    const res = await fetch(`${server.url}${SHOTS_ROUTE}`, {
      method: 'POST',
      headers: { ...install.headers, 'Content-Type': 'image/webp', [SHOT_META_HEADER]: encodeShotMeta(meta) },
      body: new Uint8Array(images[i]!),
    });
    if (!res.ok) throw new Error(`posting shot ${i} failed: ${res.status} ${await res.text()}`);
    metas.push(meta);
  }
  return metas;
}
