import { describe, expect, it } from 'vitest';
import { fileHash, listHash, parseRoute, sessionHash } from '../../server/viewer/web/routes';

const ID = '3f0c1a52-8a43-4e4b-9a57-1f2d3c4b5a69';

describe('routes in the URL hash', () => {
  it('round-trips a link to a session at an action', () => {
    // The link says the number the list shows (13th action: index 12).
    expect(sessionHash(ID, 12)).toBe(`#/sessions/${ID}?action=13`);
    expect(parseRoute(sessionHash(ID, 12))).toEqual({ name: 'session', id: ID, action: 12 });
    expect(parseRoute(sessionHash(ID))).toEqual({ name: 'session', id: ID, action: null });
  });

  it("keeps the list's query and treats anything unknown as the list", () => {
    const r = parseRoute(listHash(new URLSearchParams('site=x&page=2')));
    expect(r.name === 'list' && r.params.toString()).toBe('site=x&page=2');
    expect(parseRoute('').name).toBe('list');
    expect(parseRoute('#/sessions/not-a-uuid').name).toBe('list');
    expect(parseRoute('#/nowhere').name).toBe('list');
  });

  it('ignores a malformed action number rather than failing', () => {
    expect(parseRoute(`#/sessions/${ID}?action=-1`)).toEqual({ name: 'session', id: ID, action: null });
    expect(parseRoute(`#/sessions/${ID}?action=0`)).toEqual({ name: 'session', id: ID, action: null });
    expect(parseRoute(`#/sessions/${ID}?action=1`)).toEqual({ name: 'session', id: ID, action: 0 });
    expect(parseRoute(fileHash(3))).toEqual({ name: 'file', action: 3 });
  });
});
