// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { $, auxclick, capture, cleanup, click, contextmenu, dblclick } from './helpers';

afterEach(cleanup);

describe('click capture', () => {
  it('a click on an icon inside a button targets the button and keeps the icon as hit', () => {
    const h = capture('<button id="save"><svg><path d="M0 0"/></svg><span>Save</span></button>');
    click($('path'));
    click($('span'));
    const [icon, text] = h.after();
    expect(icon).toMatchObject({ type: 'click', button: 'left', target: { tag: 'button', role: 'button', name: 'Save' } });
    expect(icon!.target!.hit).toEqual({ tag: 'path', nodeId: h.ids.get($('path')), role: null });
    expect(text!.target!.hit).toMatchObject({ tag: 'span' });
    expect(text!.target!.nodeId).toBe(h.ids.get($('#save')));
  });

  it('no hit when the target itself was clicked', () => {
    const h = capture('<button>Go</button>');
    click($('button'));
    expect(h.after()[0]!.target!.hit).toBeUndefined();
  });

  it('a click on plain text targets the element under the pointer', () => {
    const h = capture('<p>Just <em>text</em></p>');
    click($('em'));
    expect(h.after()[0]).toMatchObject({ type: 'click', target: { tag: 'em' } });
    expect(h.after()[0]!.target!.hit).toBeUndefined();
  });

  it('a double click: the browser delivers click, click, dblclick; all three are kept', () => {
    const h = capture('<div role="button" tabindex="0">Open</div>');
    dblclick($('div'));
    expect(h.after().map((a) => a.button)).toEqual(['left', 'left', 'double']);
  });

  it('right click is "right", middle auxclick is "middle", right auxclick is not doubled', () => {
    const h = capture('<a href="/x">Docs</a>');
    contextmenu($('a'));
    auxclick($('a'), 2); // Chrome sends auxclick for the right button too: contextmenu already covers it
    auxclick($('a'), 1);
    expect(h.after().map((a) => [a.button, a.target?.role])).toEqual([
      ['right', 'link'],
      ['middle', 'link'],
    ]);
  });

  it('a click on a text input label targets the input once, label kept as hit', () => {
    const h = capture('<label id="l" for="name"><b>Name</b></label><input id="name">');
    click($('b'));
    expect(h.after()).toHaveLength(1); // happy-dom forwards the click to the input, as browsers do
    expect(h.after()[0]!.target).toMatchObject({ tag: 'input', role: 'textbox', name: 'Name', label: 'Name' });
    expect(h.after()[0]!.target!.hit).toMatchObject({ tag: 'b' });
    vi.runAllTimers();
    click($('#name')); // a later direct click is not mistaken for the forwarded one
    expect(h.after()).toHaveLength(2);
  });

  it('a click inside an open shadow root targets the button in it', () => {
    const h = capture('<div id="host"></div>');
    const shadow = $('#host').attachShadow({ mode: 'open' });
    shadow.innerHTML = '<button aria-label="Close"><i>x</i></button>';
    click(shadow.querySelector('i')!);
    const action = h.after()[0]!;
    expect(action.target).toMatchObject({ tag: 'button', name: 'Close', hit: { tag: 'i' } });
    // Selectors resolve from the document: through the host (Playwright's `>>` enters its shadow root). XPath cannot.
    expect(action.target!.selectors.map((s) => s.kind)).toEqual(['role', 'css']);
    expect(action.target!.selectors.find((s) => s.kind === 'role')).toEqual({
      kind: 'role',
      value: '#host >> role=button[name="Close"]',
      matches: 1,
    });
  });

  it('reads one bounding box per action', () => {
    const h = capture('<button><span>Go</span></button>');
    const spy = vi.spyOn(Element.prototype, 'getBoundingClientRect').mockReturnValue({
      x: 10,
      y: 20,
      width: 30,
      height: 40,
      top: 20,
      left: 10,
      right: 40,
      bottom: 60,
      toJSON: () => ({}),
    } as DOMRect);
    click($('span'));
    expect(spy).toHaveBeenCalledTimes(1);
    expect(h.after()[0]!.target!.bbox).toEqual({ x: 10, y: 20, width: 30, height: 40 });
  });
});
