import type { Browser } from 'playwright';
import { launchBrowser } from './launch-browser';
import { ReplayWorker, type ImageFormat } from './replay-worker';

/** `size` replay pages in one headless Chromium, handed out one session at a time. */
export class WorkerPool {
  private readonly idle: ReplayWorker[] = [];
  private readonly waiting: Array<(w: ReplayWorker) => void> = [];

  private constructor(
    private readonly browser: Browser,
    private readonly format: ImageFormat,
    workers: ReplayWorker[],
  ) {
    this.idle.push(...workers);
  }

  static async open(size: number, format: ImageFormat): Promise<WorkerPool> {
    const browser = await launchBrowser();
    try {
      const workers: ReplayWorker[] = [];
      for (let i = 0; i < size; i++) workers.push(await ReplayWorker.open(browser, format));
      return new WorkerPool(browser, format, workers);
    } catch (err) {
      await browser.close();
      throw err;
    }
  }

  /** Runs `fn` on a free page; a page that failed is replaced by a fresh one (it may have crashed). */
  async use<T>(fn: (w: ReplayWorker) => Promise<T>): Promise<T> {
    let worker = this.idle.pop() ?? (await new Promise<ReplayWorker>((resolve) => this.waiting.push(resolve)));
    try {
      return await fn(worker);
    } catch (err) {
      await worker.close();
      worker = await ReplayWorker.open(this.browser, this.format);
      throw err;
    } finally {
      const next = this.waiting.shift();
      if (next) next(worker);
      else this.idle.push(worker);
    }
  }

  async close(): Promise<void> {
    await this.browser.close().catch(() => undefined);
  }
}
