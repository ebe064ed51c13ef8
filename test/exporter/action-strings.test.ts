import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import type { StepAction } from '../../lib/schema/dataset-step-action';
import type { StepTarget } from '../../lib/schema/dataset-step-target';
import { actionStrings, visiblePart } from '../../exporter/derive/action-strings';
import { pyString } from '../../exporter/derive/py-literal';
import { sampleStep } from './fixtures';

const base: StepAction = sampleStep(0).action;
const target = (over: Partial<StepTarget> = {}): StepTarget => ({ ...sampleStep(0).target!, node_id: 87, name: 'Save', ...over });
const strings = (action: Partial<StepAction>, t: StepTarget | null = target(), point = { x: 0.25, y: 0.5 }) =>
  actionStrings({
    action: { ...base, ...action },
    target: t,
    url: 'https://a.test/x?q=[withheld]',
    pointNorm: point,
    scrollAt: { x: 0.5, y: 0.5 },
  });

/** Python's own reading of a literal: what pyString wrote must come back as the same text. */
function pythonEval(literals: string[]): string[] {
  return JSON.parse(
    execFileSync('python3', ['-c', 'import ast,json,sys; print(json.dumps([ast.literal_eval(s) for s in json.load(sys.stdin)]))'], {
      input: JSON.stringify(literals),
    }).toString(),
  );
}

describe('derived action strings', () => {
  it('writes each action in BrowserGym, WebArena, pyautogui and Mind2Web form', () => {
    expect(strings({ type: 'click', button: 'left' })).toEqual({
      browsergym: "click('87')",
      webarena: 'click [87]',
      pyautogui: 'pyautogui.click(x=0.25, y=0.5)',
      mind2web: '[button] Save -> CLICK',
    });
    expect(strings({ type: 'click', button: 'double' }).browsergym).toBe("dblclick('87')");
    expect(strings({ type: 'click', button: 'right' })).toMatchObject({
      browsergym: "click('87', button='right')",
      webarena: null,
      pyautogui: 'pyautogui.rightClick(x=0.25, y=0.5)',
    });
    expect(
      strings(
        { type: 'type', value_kind: 'masked', value: '*****', value_length: 5 },
        target({ role: 'textbox', name: 'Email', tag: 'input' }),
      ),
    ).toEqual({
      browsergym: "fill('87', '*****')",
      webarena: 'type [87] [*****] [0]',
      pyautogui: "pyautogui.click(x=0.25, y=0.5)\npyautogui.write(message='*****')",
      mind2web: '[textbox] Email -> TYPE: *****',
    });
    expect(
      strings({ type: 'select', value_kind: 'label', value: 'Research' }, target({ tag: 'select', role: 'combobox', name: 'Team' })),
    ).toMatchObject({ browsergym: "select_option('87', 'Research')", mind2web: '[combobox] Team -> SELECT: Research' });
    expect(
      strings({ type: 'select', value_kind: 'label', value: 'Germany' }, target({ tag: 'div', role: 'option', name: 'Germany' })),
    ).toMatchObject({ browsergym: "click('87')", mind2web: '[option] Germany -> SELECT: Germany' });
    expect(strings({ type: 'key', key: 'K', modifiers: ['Control', 'Shift'] }, null)).toMatchObject({
      browsergym: "keyboard_press('Control+Shift+K')",
      webarena: 'press [Control+Shift+K]',
      pyautogui: "pyautogui.hotkey('ctrl', 'shift', 'k')",
    });
    expect(strings({ type: 'key', key: 'Tab', modifiers: [] }, target())).toMatchObject({
      browsergym: "press('87', 'Tab')",
      pyautogui: "pyautogui.press('tab')",
    });
    expect(strings({ type: 'scroll', scroll_delta: { x: 0, y: 350 } }, null)).toMatchObject({
      browsergym: 'scroll(0, 350)',
      webarena: 'scroll [down]',
      pyautogui: 'pyautogui.scroll(-4, x=0.5, y=0.5)',
    });
    expect(strings({ type: 'navigate', navigation: 'load' }, null)).toMatchObject({
      browsergym: "goto('https://a.test/x?q=[withheld]')",
      webarena: 'goto [https://a.test/x?q=[withheld]]',
    });
    expect(strings({ type: 'submit' }, null)).toEqual({ browsergym: null, webarena: null, pyautogui: null, mind2web: null });
  });

  it('quotes any text as a Python literal that Python reads back unchanged', () => {
    const texts = ["it's", 'say "hi"', 'both \' and "', 'back\\slash', 'line\nbreak\ttab', 'Grüße – 東京 😀', '\u0001\u007f', ''];
    expect(pythonEval(texts.map(pyString))).toEqual(texts);
  });

  it('clips a box to the part inside the viewport', () => {
    expect(visiblePart({ x: -10, y: 590, width: 50, height: 30 }, { width: 800, height: 600 })).toEqual({
      x: 0,
      y: 590,
      width: 40,
      height: 10,
    });
    expect(visiblePart({ x: 900, y: 10, width: 50, height: 30 }, { width: 800, height: 600 })).toBeNull();
  });
});
