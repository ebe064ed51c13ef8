import type { CDPSession } from 'playwright';

/**
 * The renderer's own counters (CDP Performance.getMetrics): TaskDuration is
 * the main thread's busy time, whichever JS world ran on it.
 */
export interface RendererCounters {
  taskMs: number;
  scriptMs: number;
  heapMB: number;
}

export async function readCounters(cdp: CDPSession): Promise<RendererCounters> {
  const { metrics } = await cdp.send('Performance.getMetrics');
  const get = (name: string) => {
    const m = metrics.find((x: { name: string }) => x.name === name);
    if (!m) throw new Error(`Performance.getMetrics has no ${name}`);
    return m.value as number;
  };
  return { taskMs: get('TaskDuration') * 1000, scriptMs: get('ScriptDuration') * 1000, heapMB: get('JSHeapUsedSize') / 1e6 };
}

/** The page's JS heap after a full collection (MB): what the page and any content script retain. */
export async function retainedHeapMB(cdp: CDPSession): Promise<number> {
  await cdp.send('HeapProfiler.collectGarbage');
  const { usedSize } = await cdp.send('Runtime.getHeapUsage');
  return usedSize / 1e6;
}
