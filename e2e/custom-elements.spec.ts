import { test, expect } from './support/fixtures';
import type { SessionSummary } from '../lib/schema/read-api';
import { enableCapture, requestUpload } from './support/extension-control';
import { waitRecording } from './support/grid-page';
import { replayerBundle } from './support/replayer-bundle';

/**
 * Web components under the recorder, which runs in an isolated world where
 * window.customElements is null: recording must mark the page's defined
 * custom elements (rrweb's isCustom) from the live page, leave the page's own
 * registry alone, and replay must define them again (lib/recorder/custom-elements-shim.ts,
 * lib/recorder/mark-custom-elements.ts).
 */
interface Node {
  type: number;
  tagName?: string;
  isCustom?: boolean;
  childNodes?: Node[];
}
interface Event {
  type: number;
  timestamp: number;
  data: { node?: Node; source?: number; adds?: Array<{ node: Node }> };
}

function serializedElements(events: Event[]): Map<string, Node> {
  const found = new Map<string, Node>();
  const walk = (n: Node) => {
    if (n.type === 2 && n.tagName) found.set(n.tagName, n);
    n.childNodes?.forEach(walk);
  };
  for (const e of events) {
    if (e.type === 2 && e.data.node) walk(e.data.node);
    if (e.type === 3 && e.data.source === 0) e.data.adds?.forEach((a) => walk(a.node));
  }
  return found;
}

test('defined custom elements are recorded as custom and replay defined; the page keeps its registry', async ({ server, app, ext }) => {
  await enableCapture(ext, { origin: app.origin, endpoint: server.url, ingestToken: server.ingestToken });
  const page = await ext.context.newPage();
  await page.goto(`${app.origin}/components.html`);
  await waitRecording(ext, page, 0, (p) => server.read(p));
  await page.locator('#add').click();
  // The page's own world still has its real registry: the shim is the isolated world's alone.
  expect(await page.evaluate(() => typeof customElements.get('late-card'))).toBe('function');
  await expect(page.locator('late-card')).toBeVisible();
  await page.close(); // pagehide hands the last events over

  const control = await ext.context.newPage();
  await control.goto(ext.extensionUrl('popup.html'));
  let events: Event[] = [];
  await expect
    .poll(async () => {
      await requestUpload(control);
      const { sessions } = await server.read<{ sessions: SessionSummary[] }>('/v1/sessions');
      if (!sessions[0]) return false;
      events = await server.read<Event[]>(`/v1/sessions/${sessions[0].id}/events`);
      return serializedElements(events).has('late-card');
    })
    .toBe(true);

  const elements = serializedElements(events);
  expect(elements.get('status-badge')?.isCustom).toBe(true);
  expect(elements.get('user-card')?.isCustom).toBe(true);
  expect(elements.get('late-card')?.isCustom).toBe(true); // defined after the snapshot, added by a mutation
  expect(elements.get('x-unknown')?.isCustom).toBeFalsy();
  expect(elements.get('never-card')?.isCustom).toBeFalsy();
  expect(elements.get('div')?.isCustom).toBeFalsy();

  // Replayed, the defined ones are defined (so `:not(:defined)` does not hide them), the others not.
  // Without the virtual DOM: in fast-forward, rrweb's rrdom diff skips the define that building a node does.
  const viewer = await ext.context.newPage();
  await viewer.setContent('<!doctype html><html><body><div id="root"></div></body></html>');
  await viewer.addScriptTag({ content: await replayerBundle() });
  const replayed = await viewer.evaluate(async (evs) => {
    const Replayer = (
      window as unknown as { __Replayer: new (e: unknown[], o: unknown) => { pause(t: number): void; iframe: HTMLIFrameElement } }
    ).__Replayer;
    const replayer = new Replayer(evs, {
      root: document.getElementById('root'),
      showWarning: false,
      mouseTail: false,
      useVirtualDom: false,
    });
    replayer.pause(evs[evs.length - 1]!.timestamp - evs[0]!.timestamp);
    await new Promise((r) => setTimeout(r, 50));
    const doc = replayer.iframe.contentDocument!;
    const defined = (tag: string) => doc.querySelector(tag)?.matches(':defined') ?? null;
    return {
      statusBadge: defined('status-badge'),
      userCard: defined('user-card'),
      lateCard: defined('late-card'),
      unknown: defined('x-unknown'),
      never: defined('never-card'),
    };
  }, events);
  expect(replayed).toEqual({ statusBadge: true, userCard: true, lateCard: true, unknown: false, never: false });
});
