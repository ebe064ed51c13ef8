import type { CDPSession, Page } from 'playwright';
import { PLAIN_HOST, WEBTRACE_HOST, type BenchEnv } from './bench-env';
import { plainRrwebBundle } from './plain-rrweb-bundle';

/**
 * The ways a page is recorded in a comparison: not at all; plain rrweb in the
 * page's own world; plain rrweb in an isolated world (CDP
 * Page.createIsolatedWorld, the kind of world a content script runs in), as
 * is and with webtrace's customElements shim (so the difference to webtrace
 * is webtrace's own layers); and webtrace's recorder (the built extension's content script).
 */
export type VariantId = 'none' | 'rrwebPage' | 'rrwebIsolated' | 'rrwebIsolatedShim' | 'webtrace';

export const VARIANT_LABELS: Record<VariantId, string> = {
  none: 'none',
  rrwebPage: 'rrweb (page world)',
  rrwebIsolated: 'rrweb (isolated)',
  rrwebIsolatedShim: 'rrweb (isolated, shim)',
  webtrace: 'webtrace',
};

export const ALL_VARIANTS: VariantId[] = ['none', 'rrwebPage', 'rrwebIsolated', 'rrwebIsolatedShim', 'webtrace'];

/** A started recording on one page. */
export interface Recording {
  /** Resolves once the first full snapshot has been taken (webtrace: stored by the worker). */
  ready(): Promise<void>;
  /** Plain rrweb: its events so far (taken). Others: []. */
  drain(): Promise<unknown[]>;
}

export function hostFor(variant: VariantId): string {
  return variant === 'webtrace' ? WEBTRACE_HOST : PLAIN_HOST;
}

export async function startVariant(env: BenchEnv, variant: VariantId, page: Page, cdp: CDPSession): Promise<Recording> {
  switch (variant) {
    case 'none':
      return { ready: async () => {}, drain: async () => [] };
    case 'webtrace':
      await env.injectRecorder(page);
      return { ready: async () => void (await env.waitRecorded(page)), drain: async () => [] };
    case 'rrwebPage':
    case 'rrwebIsolated':
    case 'rrwebIsolatedShim': {
      const contextId = variant === 'rrwebPage' ? undefined : await isolatedWorld(cdp);
      const evaluate = async (expression: string) => {
        const answer = await cdp.send('Runtime.evaluate', { expression, contextId, returnByValue: true, awaitPromise: true });
        if (answer.exceptionDetails)
          throw new Error(`${variant}: ${answer.exceptionDetails.exception?.description ?? answer.exceptionDetails.text}`);
        return answer.result.value as unknown;
      };
      await evaluate(`${await plainRrwebBundle()}; __plainRrweb.start(${variant === 'rrwebIsolatedShim'})`);
      return {
        async ready() {
          for (const deadline = Date.now() + 120_000; Date.now() < deadline; await page.waitForTimeout(25)) {
            if (((await evaluate('__plainRrweb.snapshots()')) as number) > 0) return;
          }
          throw new Error(`${variant} never took its full snapshot`);
        },
        drain: async () => (await evaluate('__plainRrweb.drain()')) as unknown[],
      };
    }
  }
}

async function isolatedWorld(cdp: CDPSession): Promise<number> {
  const { frameTree } = await cdp.send('Page.getFrameTree');
  const { executionContextId } = await cdp.send('Page.createIsolatedWorld', {
    frameId: frameTree.frame.id,
    worldName: 'bench-plain-rrweb',
  });
  return executionContextId;
}
