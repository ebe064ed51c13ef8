import { codeAt, isDigit, isLetter, isWordChar } from '../chars';

/**
 * A run of digit groups joined by single separators ("4111 1111-1111",
 * "+44 20 7946 0958", "(555) 123-4567"), found at word boundaries. Cards,
 * phone numbers and SSNs are all judged from these runs, so the text is
 * scanned once for all three.
 */
export interface NumberRun {
  start: number;
  end: number;
  /** The digits alone. */
  digits: string;
  /** Length of each digit group, in order. */
  groups: number[];
  /** The separators between groups, in order (" ", "-", ".", ") ", ")"). */
  separators: string[];
  plus: boolean;
  /** The run opened with "(", as in "(555) 123-4567". */
  paren: boolean;
}

const SEPARATORS = new Set([32, 45, 46]); // space - .
/** Runs longer than this are data (hashes, serials), not any of the numbers looked for. */
const MAX_RUN_DIGITS = 40;

export function findNumberRuns(text: string): NumberRun[] {
  const runs: NumberRun[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text.charCodeAt(i);
    const startsRun = isDigit(c) || ((c === 43 || c === 40) && isDigit(codeAt(text, i + 1)));
    if (!startsRun || isWordChar(codeAt(text, i - 1)) || (isDigit(c) && isDecimalTail(text, i))) {
      i++;
      continue;
    }
    const run = readRun(text, i);
    i = Math.max(run.end, i + 1);
    // A run glued to letters ("A1234B", "12px") is a code or a measure.
    if (isLetter(codeAt(text, run.end)) || run.digits.length > MAX_RUN_DIGITS) continue;
    runs.push(run);
  }
  return runs;
}

/** "3.14159…" or "1,234": digits right after a digit and "." or "," continue another number. */
function isDecimalTail(text: string, i: number): boolean {
  const prev = codeAt(text, i - 1);
  return (prev === 46 || prev === 44) && isDigit(codeAt(text, i - 2));
}

function readRun(text: string, start: number): NumberRun {
  const run: NumberRun = { start, end: start, digits: '', groups: [], separators: [], plus: false, paren: false };
  let i = start;
  if (text.charCodeAt(i) === 43) {
    run.plus = true;
    i++;
  } else if (text.charCodeAt(i) === 40) {
    run.paren = true;
    i++;
  }
  for (;;) {
    const groupStart = i;
    while (isDigit(codeAt(text, i)) && i - groupStart <= MAX_RUN_DIGITS) i++;
    run.groups.push(i - groupStart);
    run.digits += text.slice(groupStart, i);
    run.end = i;
    if (run.digits.length > MAX_RUN_DIGITS) return run;
    // A separator counts only when a digit follows it: "12. Next" ends the run at "12".
    let sep = '';
    const c = codeAt(text, i);
    if (run.paren && run.groups.length === 1 && c === 41) {
      sep = codeAt(text, i + 1) === 32 ? ') ' : ')';
    } else if (SEPARATORS.has(c)) {
      sep = text[i]!;
    }
    if (!sep || !isDigit(codeAt(text, i + sep.length))) return run;
    run.separators.push(sep);
    i += sep.length;
  }
}
