// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { actionSchema } from '../../lib/schema/action';
import { $, capture, cleanup, click, key, typeInto, SIGN_IN } from './helpers';

afterEach(cleanup);

describe('startActionCapture', () => {
  it('emits navigate load first, stamped with now() and location.href', () => {
    const h = capture(SIGN_IN);
    expect(h.actions).toHaveLength(1);
    expect(h.actions[0]).toMatchObject({ type: 'navigate', navigation: 'load', target: null, url: window.location.href });
    expect(h.actions[0]!.t).toBe(1_700_000_000_000);
  });

  it('emits only schema-valid actions across a whole sign-in', () => {
    const h = capture(SIGN_IN);
    typeInto($<HTMLInputElement>('#email'), 'ada@example.com');
    click($('#password'));
    typeInto($<HTMLInputElement>('#password'), 'hunter2');
    key($('#password'), 'Enter');
    click($('button'));
    h.stop();
    expect(h.after().map((a) => a.type)).toEqual(['type', 'click', 'type', 'key', 'click', 'submit']);
    for (const action of h.actions) expect(actionSchema.safeParse(action).success).toBe(true);
    expect(h.errors).toEqual([]);
  });

  it('catches a throwing emit, reports it, and never throws into the page', () => {
    const boom = new Error('emit failed');
    const errors: unknown[] = [];
    capture('<button>Go</button>', {
      emit: () => {
        throw boom;
      },
      onError: (err) => errors.push(err),
    });
    expect(() => click($('button'))).not.toThrow();
    expect(errors).toEqual([boom, boom]); // the load action and the click
  });

  it('a throwing nodeId is reported and the action still goes out with nodeId -1', () => {
    const errors: unknown[] = [];
    const h = capture('<button>Go</button>', {
      nodeId: () => {
        throw new Error('mirror gone');
      },
      onError: (err) => errors.push(err),
    });
    expect(() => click($('button'))).not.toThrow();
    expect(h.after()).toHaveLength(1);
    expect(h.after()[0]!.target!.nodeId).toBe(-1);
    expect(errors.length).toBeGreaterThan(0);
  });

  it('a throwing onError is swallowed too', () => {
    capture('<button>Go</button>', {
      emit: () => {
        throw new Error('emit');
      },
      onError: () => {
        throw new Error('onError');
      },
    });
    expect(() => click($('button'))).not.toThrow();
  });

  it('stop() removes every listener: later events emit nothing', () => {
    const h = capture(`${SIGN_IN}<div id="pane"></div>`);
    h.stop();
    const count = h.actions.length;
    click($('button'));
    key($('#email'), 'Escape');
    typeInto($<HTMLInputElement>('#email'), 'x');
    $('#pane').dispatchEvent(new Event('scroll'));
    window.dispatchEvent(new PopStateEvent('popstate'));
    vi.runAllTimers();
    expect(h.actions).toHaveLength(count);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('stop() flushes pending typing and scrolling, once', () => {
    const h = capture(`${SIGN_IN}<div id="pane"></div>`);
    typeInto($<HTMLInputElement>('#email'), 'abc');
    $('#pane').dispatchEvent(new Event('scroll'));
    h.stop();
    h.stop();
    expect(h.after().map((a) => a.type)).toEqual(['type', 'scroll']);
    expect(vi.getTimerCount()).toBe(0);
  });
});
