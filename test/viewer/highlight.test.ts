// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { markTarget, TARGET_ATTR, targetNote } from '../../server/viewer/web/session/highlight';
import { makeAction } from '../server/fixtures';

describe("highlighting an action's target in the replayed page", () => {
  it("marks one element at a time, a text node's parent for a text node", () => {
    const doc = document.implementation.createHTMLDocument('replay');
    doc.body.innerHTML = '<button id="a">A</button><button id="b">B</button>';
    expect(markTarget(doc, doc.getElementById('a'))!.id).toBe('a');
    expect(markTarget(doc, doc.getElementById('b')!.firstChild)!.id).toBe('b');
    expect(Array.from(doc.querySelectorAll(`[${TARGET_ATTR}]`)).map((e) => e.id)).toEqual(['b']);
  });

  it('marks nothing for a node that is gone or from another page, and clears the old mark', () => {
    const doc = document.implementation.createHTMLDocument('replay');
    doc.body.innerHTML = '<button id="a">A</button>';
    markTarget(doc, doc.getElementById('a'));
    const gone = doc.createElement('button');
    expect(markTarget(doc, gone)).toBeNull();
    expect(markTarget(doc, document.createElement('div'))).toBeNull();
    expect(doc.querySelector(`[${TARGET_ATTR}]`)).toBeNull();
    expect(markTarget(null, null)).toBeNull();
  });

  it('says what is highlighted, or why nothing is', () => {
    const click = makeAction('click', 1);
    expect(targetNote(2, click, true)).toBe('Highlighted: the target of action 3, button "Do click".');
    expect(targetNote(2, click, false)).toBe('The target of action 3 is not in the replayed page at this moment.');
    expect(targetNote(0, { ...click, type: 'navigate', target: null }, false)).toBe('Action 1 (navigate) has no target element.');
    expect(targetNote(-1, undefined, false)).toBe('');
  });
});
