import { formatCount } from '../../../../lib/rules/format/format-quantities';

const SVG_NS = 'http://www.w3.org/2000/svg';
/** Drawing size in viewBox units; CSS scales it. */
const WIDTH = 96;
const HEIGHT = 22;
/** A non-empty stretch is drawn at least this tall, so one action is never invisible next to a busy stretch. */
const MIN_BAR = 2;

function svg<K extends keyof SVGElementTagNameMap>(tag: K, attrs: Record<string, string | number>): SVGElementTagNameMap[K] {
  const el = document.createElementNS(SVG_NS, tag);
  for (const [name, value] of Object.entries(attrs)) el.setAttribute(name, String(value));
  return el;
}

/** The sparkline's words: the same for its title, its label and screen readers. */
export function activityWords(activity: readonly number[]): string {
  const max = Math.max(0, ...activity);
  const total = activity.reduce((a, b) => a + b, 0);
  if (total === 0) return 'No actions.';
  return `${formatCount(total)} actions; busiest in part ${activity.indexOf(max) + 1} of ${activity.length} of the session.`;
}

/**
 * An inline SVG bar chart, one bar per stretch of the session (empty
 * stretches draw no bar), with its text alternative as role=img + aria-label
 * and a <title> tooltip.
 */
export function activitySparkline(activity: readonly number[]): SVGSVGElement {
  const words = activityWords(activity);
  const max = Math.max(0, ...activity);
  const step = WIDTH / Math.max(1, activity.length);
  const chart = svg('svg', {
    class: 'sparkline',
    role: 'img',
    'aria-label': `Activity: ${words}`,
    viewBox: `0 0 ${WIDTH} ${HEIGHT}`,
    width: WIDTH,
    height: HEIGHT,
    'data-buckets': activity.length,
  });
  const title = svg('title', {});
  title.textContent = words;
  chart.append(title, svg('line', { class: 'baseline', x1: 0, x2: WIDTH, y1: HEIGHT - 0.5, y2: HEIGHT - 0.5 }));
  activity.forEach((n, i) => {
    if (n === 0) return;
    const height = Math.max(MIN_BAR, Math.round((n / max) * HEIGHT));
    chart.append(
      svg('rect', {
        class: 'bar',
        x: (i * step + 0.5).toFixed(2),
        y: HEIGHT - height,
        width: Math.max(1, step - 1).toFixed(2),
        height,
        'data-count': n,
      }),
    );
  });
  return chart;
}
