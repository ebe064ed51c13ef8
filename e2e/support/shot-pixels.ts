import { createServer, type Server } from 'node:http';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Page } from 'playwright';
import type { ExtensionBrowser } from './launch-extension';

/**
 * The screenshot canary suite's tools: the canary page server, the worker's
 * shot counters, and a search of stored or uploaded WebP images for the
 * canary colour (#FF00FF), decoded in the browser (createImageBitmap + canvas).
 */
export const CANARY_RGB = [255, 0, 255] as const;
/**
 * Lossy WebP shifts colours, mostly in chroma: a pixel counts as canary when each
 * channel is within this of #FF00FF. A black rectangle's edge blended with magenta
 * is dark purple (about 128, 0, 128), far outside it.
 */
export const CANARY_TOLERANCE = 60;

export interface PixelSearch {
  key: string;
  width: number;
  height: number;
  canaryPixels: number;
  /** Pixels that are pure black (redaction happened), a sanity figure. */
  blackPixels: number;
  /** The first canary pixel found, and (for a failing test's attachment) the image as a PNG data URL. */
  firstCanary?: [number, number];
  png?: string;
}

export async function serveShotPages(): Promise<{ port: number; close: () => Promise<void> }> {
  const html = await readFile(new URL('../shots/canary.html', import.meta.url), 'utf8');
  const server: Server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    if (path.startsWith('/shots/')) return res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' }).end(html);
    if (path === '/other/')
      return res.writeHead(200, { 'Content-Type': 'text/html' }).end('<!doctype html><title>other</title><p>Another tab.</p>');
    res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as { port: number }).port,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export async function shotCounters(
  ext: ExtensionBrowser,
): Promise<{ stored: number; discarded: number; evicted: number; uploaded: number; queued: number }> {
  return ext.worker.evaluate(async () => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const req = indexedDB.open('webtrace');
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error);
    });
    const get = <T>(store: string, fn: (s: IDBObjectStore) => IDBRequest<T>) =>
      new Promise<T>((resolve, reject) => {
        const req = fn(db.transaction(store).objectStore(store));
        req.onsuccess = () => resolve(req.result);
        req.onerror = () => reject(req.error);
      });
    const counter = async (name: string) => Number((await get('counters', (s) => s.get(name))) ?? 0);
    const out = {
      stored: await counter('shotsStored'),
      discarded: await counter('shotsDiscarded'),
      evicted: await counter('shotsEvicted'),
      uploaded: await counter('shotsUploaded'),
      queued: db.objectStoreNames.contains('shots') ? await get('shots', (s) => s.count()) : 0,
    };
    db.close();
    return out;
  });
}

/** Every shot in the extension's IndexedDB (read on an extension page), its WebP bytes as base64. */
export async function storedShotImages(extensionPage: Page): Promise<ShotImage[]> {
  return extensionPage.evaluate(async () => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const req = indexedDB.open('webtrace');
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error);
    });
    const shots = await new Promise<Array<{ sessionId: string; page: number; takenAt: number; image: ArrayBuffer }>>((resolve, reject) => {
      const req = db.transaction('shots').objectStore('shots').getAll();
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error);
    });
    db.close();
    const base64 = (buf: ArrayBuffer) => {
      let binary = '';
      for (const byte of new Uint8Array(buf)) binary += String.fromCharCode(byte);
      return btoa(binary);
    };
    return shots.map((s) => ({ key: `${s.sessionId}/${s.page}/${s.takenAt}`, base64: base64(s.image) }));
  });
}

/** Every image file the server stored (under <dataDir>/shots), as base64. */
export async function uploadedShotImages(dataDir: string): Promise<ShotImage[]> {
  const root = path.join(dataDir, 'shots');
  const out: ShotImage[] = [];
  for (const session of await readdir(root).catch(() => [] as string[])) {
    for (const file of await readdir(path.join(root, session))) {
      if (file.endsWith('.webp'))
        out.push({ key: `${session}/${file}`, base64: (await readFile(path.join(root, session, file))).toString('base64') });
    }
  }
  return out;
}

export interface ShotImage {
  key: string;
  base64: string;
}

/** Decodes images in the browser (createImageBitmap + canvas, run on any page) and counts canary pixels in each (or another colour's). */
export async function searchImages(
  page: Page,
  images: ShotImage[],
  keepFirst = false,
  colour: { rgb: readonly number[]; tolerance: number } = { rgb: CANARY_RGB, tolerance: CANARY_TOLERANCE },
): Promise<PixelSearch[]> {
  return page.evaluate(
    async ({ images, rgb, tolerance, keepFirst }) => {
      const out: Array<{
        key: string;
        width: number;
        height: number;
        canaryPixels: number;
        blackPixels: number;
        firstCanary?: [number, number];
        png?: string;
      }> = [];
      for (const shot of images) {
        const bytes = Uint8Array.from(atob(shot.base64), (c) => c.charCodeAt(0));
        const bitmap = await createImageBitmap(new Blob([bytes], { type: 'image/webp' }));
        const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
        const ctx = canvas.getContext('2d')!;
        ctx.drawImage(bitmap, 0, 0);
        const data = ctx.getImageData(0, 0, bitmap.width, bitmap.height).data;
        let canaryPixels = 0;
        let firstCanary: [number, number] | undefined;
        let blackPixels = 0;
        for (let i = 0; i < data.length; i += 4) {
          const r = data[i] ?? 0;
          const g = data[i + 1] ?? 0;
          const b = data[i + 2] ?? 0;
          if (Math.abs(r - rgb[0]!) <= tolerance && Math.abs(g - rgb[1]!) <= tolerance && Math.abs(b - rgb[2]!) <= tolerance) {
            canaryPixels++;
            firstCanary ??= [(i / 4) % bitmap.width, Math.floor(i / 4 / bitmap.width)];
          }
          if (r < 8 && g < 8 && b < 8) blackPixels++;
        }
        const png =
          (canaryPixels > 0 || keepFirst) && !out.some((o) => o.png)
            ? await new Promise<string>((resolve) => {
                const reader = new FileReader();
                reader.onload = () => resolve(String(reader.result));
                void canvas.convertToBlob({ type: 'image/png' }).then((blob) => reader.readAsDataURL(blob));
              })
            : undefined;
        out.push({ key: shot.key, width: bitmap.width, height: bitmap.height, canaryPixels, blackPixels, firstCanary, png });
      }
      return out;
    },
    { images, rgb: [...colour.rgb], tolerance: colour.tolerance, keepFirst },
  );
}

/** The worker's discarded-shot totals (IndexedDB `shotDrops`), per session and reason, and how many are still unreported. */
export async function shotDropTallies(
  ext: ExtensionBrowser,
): Promise<{ bySession: Record<string, Record<string, number>>; pending: number }> {
  return ext.worker.evaluate(async () => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const req = indexedDB.open('webtrace');
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error);
    });
    const all = await new Promise<Array<{ sessionId: string; reason: string; count: number; pending?: number }>>((resolve, reject) => {
      const req = db.transaction('shotDrops').objectStore('shotDrops').getAll();
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error);
    });
    db.close();
    const bySession: Record<string, Record<string, number>> = {};
    for (const t of all) {
      const s = (bySession[t.sessionId] ??= {});
      s[t.reason] = (s[t.reason] ?? 0) + t.count;
    }
    return { bySession, pending: all.filter((t) => t.pending === 1).length };
  });
}
