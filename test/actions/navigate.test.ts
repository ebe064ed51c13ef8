// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { isHashOnlyChange, mapNavigationType } from '../../lib/actions/listeners/navigate';
import { $, capture, cleanup, click } from './helpers';

let restoreUrl = '';
afterEach(() => {
  cleanup();
  delete (window as unknown as { navigation?: unknown }).navigation;
  if (restoreUrl) history.replaceState(null, '', restoreUrl);
});

/** A stand-in for window.navigation (happy-dom has no Navigation API). */
function fakeNavigation() {
  const nav = new EventTarget() as EventTarget & { currentEntry: { url: string } };
  nav.currentEntry = { url: location.href };
  Object.defineProperty(window, 'navigation', { value: nav, configurable: true });
  return (navigationType: string | null, change: () => void) => {
    const from = { url: location.href };
    change();
    nav.currentEntry = { url: location.href };
    nav.dispatchEvent(Object.assign(new Event('currententrychange'), { navigationType, from }));
  };
}

describe('navigate capture', () => {
  it('mapNavigationType: push/replace/traverse/reload, hash-only changes as hash, others null', () => {
    expect(mapNavigationType('push', 'https://a.test/x', 'https://a.test/y')).toBe('push');
    expect(mapNavigationType('replace', 'https://a.test/x', 'https://a.test/x?q=1')).toBe('replace');
    expect(mapNavigationType('traverse', 'https://a.test/y', 'https://a.test/x')).toBe('traverse');
    expect(mapNavigationType('push', 'https://a.test/x', 'https://a.test/x#top')).toBe('hash');
    expect(mapNavigationType('reload', 'https://a.test/x', 'https://a.test/x')).toBe('reload');
    expect(mapNavigationType(null, 'https://a.test/x', 'https://a.test/x')).toBeNull();
    expect(isHashOnlyChange('https://a.test/x#a', 'https://a.test/x#a')).toBe(false);
  });

  it('fallback: popstate after history.back is one pop; a hash change is one hash (popstate+hashchange deduped)', () => {
    restoreUrl = location.href;
    const h = capture('<button>Go</button>');
    history.pushState({}, '', '/inbox');
    window.dispatchEvent(new PopStateEvent('popstate'));
    history.pushState({}, '', '/inbox#thread-2');
    window.dispatchEvent(new PopStateEvent('popstate'));
    window.dispatchEvent(new HashChangeEvent('hashchange'));
    expect(h.after().map((a) => [a.navigation, a.url, a.target])).toEqual([
      ['pop', 'http://localhost:3000/inbox', null],
      ['hash', 'http://localhost:3000/inbox#thread-2', null],
    ]);
  });

  it('fallback: a silent pushState (invisible to the isolated world) is noticed before the next action', () => {
    restoreUrl = location.href;
    const h = capture('<button>Open</button>');
    history.pushState({}, '', '/settings');
    click($('button'));
    expect(h.after().map((a) => [a.type, a.navigation, a.url])).toEqual([
      ['navigate', 'push', 'http://localhost:3000/settings'],
      ['click', undefined, 'http://localhost:3000/settings'],
    ]);
  });

  it('Navigation API: currententrychange gives one action per URL change, typed', () => {
    restoreUrl = location.href;
    const navigate = fakeNavigation();
    const h = capture('<p>app</p>');
    navigate('push', () => history.pushState({}, '', '/a'));
    navigate('replace', () => history.replaceState({}, '', '/a?tab=2'));
    navigate('push', () => history.pushState({}, '', '/a?tab=2#c'));
    navigate(null, () => undefined); // updateCurrentEntry: no URL change
    navigate('push', () => undefined); // same URL: deduplicated
    expect(h.after().map((a) => a.navigation)).toEqual(['push', 'replace', 'hash']);
    history.pushState({}, '', '/b'); // a change the API did not report…
    window.dispatchEvent(new PopStateEvent('popstate')); // (popstate is not listened to when the API exists)
    expect(h.after()).toHaveLength(3);
    document.body.innerHTML = '<button>x</button>';
    click($('button')); // …is still caught before the next action
    expect(h.after().map((a) => a.navigation ?? a.type)).toEqual(['push', 'replace', 'hash', 'push', 'click']);
  });
});
