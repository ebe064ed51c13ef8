import { describe, expect, it } from 'vitest';
import { openControls, type OpenControlsDeps } from '../../lib/worker/open-controls';

const deps = (over: Partial<OpenControlsDeps>) => {
  const opened: string[] = [];
  const logged: string[] = [];
  const d: OpenControlsDeps = {
    openPopup: async () => {},
    windowOf: async () => 7,
    openWindow: async (url) => void opened.push(url),
    popupUrl: 'chrome-extension://x/popup.html',
    log: (m) => void logged.push(m),
    ...over,
  };
  return { d, opened, logged };
};

describe('opening the controls from the page indicator', () => {
  it("opens the action popup in the tab's window", async () => {
    const windows: number[] = [];
    const { d, opened } = deps({ openPopup: async (w) => void windows.push(w) });
    expect(await openControls(d, 3)).toBe('popup');
    expect(windows).toEqual([7]);
    expect(opened).toEqual([]);
  });

  it('falls back to the popup page in a window, about the clicked tab', async () => {
    const { d, opened, logged } = deps({ openPopup: () => Promise.reject(new Error('no gesture')) });
    expect(await openControls(d, 3)).toBe('window');
    expect(opened).toEqual(['chrome-extension://x/popup.html?tabId=3']);
    expect(logged).toHaveLength(1);
  });

  it('reports a failure of both without throwing', async () => {
    const { d } = deps({ openPopup: () => Promise.reject(new Error('a')), openWindow: () => Promise.reject(new Error('b')) });
    expect(await openControls(d, 3)).toBe('failed');
  });
});
