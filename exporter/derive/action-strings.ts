import type { Box, Point } from '../../lib/schema/dataset-primitives';
import type { StepAction } from '../../lib/schema/dataset-step-action';
import type { StepTarget } from '../../lib/schema/dataset-step-target';
import { pyNumber, pyString } from './py-literal';

/**
 * The step's action in the action languages agent datasets use:
 * - BrowserGym/AgentLab: `click('87')`, `fill('87', '****')`, `select_option('87', 'Research')`;
 * - WebArena: `click [87]`, `type [87] [****] [0]`, `press [Control+k]`, `scroll [down]`;
 * - pyautogui with 0-1 coordinates of the screenshot, as OpenCUA writes them;
 * - Mind2Web's `action_repr`: `[button] Save -> CLICK`.
 * The bid is the rrweb id. A masked value is written as its mask. A string is
 * null where the language has no such action (a form's submit event, which
 * follows the click or key that caused it).
 */
export interface ActionStrings {
  browsergym: string | null;
  webarena: string | null;
  pyautogui: string | null;
  mind2web: string | null;
}

export interface StringInputs {
  action: StepAction;
  url: string;
  target: StepTarget | null;
  /** Centre of the target's visible part (or the recorded point) as 0-1 of the screenshot. */
  pointNorm: Point | null;
  /** Scrolled element's box centre, 0-1 (the page: its centre). */
  scrollAt: Point | null;
}

/** One pyautogui wheel "click" = 100 CSS px, the deltaY of one wheel notch in Chromium on Windows. */
export const PX_PER_WHEEL_CLICK = 100;

export function actionStrings(input: StringInputs): ActionStrings {
  const { action, target } = input;
  const bid = target && target.node_id > 0 ? String(target.node_id) : null;
  switch (action.type) {
    case 'click':
    case 'check':
      return pointerStrings(input, bid);
    case 'type':
      return typeStrings(input, bid);
    case 'select':
      return selectStrings(input, bid);
    case 'key':
      return keyStrings(input, bid);
    case 'scroll':
      return scrollStrings(input);
    case 'navigate':
      return { browsergym: `goto(${pyString(input.url)})`, webarena: `goto [${input.url}]`, pyautogui: null, mind2web: null };
    case 'submit':
      return { browsergym: null, webarena: null, pyautogui: null, mind2web: null };
  }
}

function pointerStrings({ action, target, pointNorm }: StringInputs, bid: string | null): ActionStrings {
  const double = action.button === 'double';
  const right = action.button === 'right';
  const middle = action.button === 'middle';
  let browsergym: string | null = null;
  if (bid)
    browsergym = double
      ? `dblclick(${pyString(bid)})`
      : right || middle
        ? `click(${pyString(bid)}, button=${pyString(right ? 'right' : 'middle')})`
        : `click(${pyString(bid)})`;
  const fn = double ? 'doubleClick' : right ? 'rightClick' : middle ? 'middleClick' : 'click';
  return {
    browsergym,
    webarena: bid && !right && !middle ? `click [${bid}]` : null,
    pyautogui: pointNorm ? `pyautogui.${fn}(x=${pyNumber(pointNorm.x)}, y=${pyNumber(pointNorm.y)})` : null,
    mind2web: target ? `${m2wElement(target)} -> CLICK` : null,
  };
}

function typeStrings({ action, target, pointNorm }: StringInputs, bid: string | null): ActionStrings {
  const text = action.value ?? '';
  return {
    browsergym: bid ? `fill(${pyString(bid)}, ${pyString(text)})` : null,
    webarena: bid ? `type [${bid}] [${text}] [0]` : null,
    pyautogui: pointNorm
      ? `pyautogui.click(x=${pyNumber(pointNorm.x)}, y=${pyNumber(pointNorm.y)})\npyautogui.write(message=${pyString(text)})`
      : null,
    mind2web: target ? `${m2wElement(target)} -> TYPE: ${text}` : null,
  };
}

function selectStrings({ action, target, pointNorm }: StringInputs, bid: string | null): ActionStrings {
  const label = action.value ?? '';
  const native = target?.tag === 'select';
  if (!native) {
    // A choice in an ARIA listbox or menu is a click on the option.
    const strings = pointerStrings({ action: { ...action, button: 'left' }, target, pointNorm, url: '', scrollAt: null }, bid);
    return { ...strings, mind2web: target ? `${m2wElement(target)} -> SELECT: ${label}` : null };
  }
  return {
    browsergym: bid ? `select_option(${pyString(bid)}, ${pyString(label)})` : null,
    webarena: bid ? `type [${bid}] [${label}] [0]` : null,
    pyautogui: null,
    mind2web: target ? `${m2wElement(target)} -> SELECT: ${label}` : null,
  };
}

function keyStrings({ action }: StringInputs, bid: string | null): ActionStrings {
  const combo = [...action.modifiers, action.key ?? ''].filter(Boolean).join('+');
  const keys = [...action.modifiers, action.key ?? ''].filter(Boolean).map(pyautoguiKey);
  return {
    browsergym: bid ? `press(${pyString(bid)}, ${pyString(combo)})` : `keyboard_press(${pyString(combo)})`,
    webarena: `press [${combo}]`,
    pyautogui:
      keys.length > 1
        ? `pyautogui.hotkey(${keys.map(pyString).join(', ')})`
        : keys.length
          ? `pyautogui.press(${pyString(keys[0]!)})`
          : null,
    mind2web: null,
  };
}

function scrollStrings({ action, scrollAt }: StringInputs): ActionStrings {
  const d = action.scroll_delta;
  if (!d) return { browsergym: null, webarena: null, pyautogui: null, mind2web: null };
  const clicks = -Math.round(d.y / PX_PER_WHEEL_CLICK);
  const at = scrollAt ? `, x=${pyNumber(scrollAt.x)}, y=${pyNumber(scrollAt.y)}` : '';
  return {
    browsergym: `scroll(${pyNumber(d.x, 1)}, ${pyNumber(d.y, 1)})`,
    webarena: d.y > 0 ? 'scroll [down]' : d.y < 0 ? 'scroll [up]' : null,
    pyautogui:
      d.y !== 0 ? `pyautogui.scroll(${clicks}${at})` : d.x !== 0 ? `pyautogui.hscroll(${Math.round(d.x / PX_PER_WHEEL_CLICK)}${at})` : null,
    mind2web: null,
  };
}

/** `[button] Save`: the role (else the tag) and the name, as Mind2Web's action_reprs read. */
function m2wElement(target: StepTarget): string {
  return `[${target.role ?? target.tag}] ${target.name}`.trimEnd();
}

const PYAUTOGUI_KEYS: Record<string, string> = {
  Control: 'ctrl',
  Meta: 'win',
  Alt: 'alt',
  Shift: 'shift',
  Enter: 'enter',
  Tab: 'tab',
  Escape: 'esc',
  Backspace: 'backspace',
  Delete: 'delete',
  ArrowUp: 'up',
  ArrowDown: 'down',
  ArrowLeft: 'left',
  ArrowRight: 'right',
  PageUp: 'pageup',
  PageDown: 'pagedown',
  Home: 'home',
  End: 'end',
  ' ': 'space',
  Space: 'space',
  Insert: 'insert',
};

function pyautoguiKey(key: string): string {
  return PYAUTOGUI_KEYS[key] ?? key.toLowerCase();
}

/** The visible part of `box` inside a viewport of `size`, or null when none of it is. */
export function visiblePart(box: Box, size: { width: number; height: number }): Box | null {
  const x0 = Math.max(0, box.x);
  const y0 = Math.max(0, box.y);
  const x1 = Math.min(size.width, box.x + box.width);
  const y1 = Math.min(size.height, box.y + box.height);
  if (x1 <= x0 || y1 <= y0) return null;
  return { x: x0, y: y0, width: x1 - x0, height: y1 - y0 };
}
