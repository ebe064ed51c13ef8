import type { Split } from '../../lib/schema/dataset-primitives';
import type { EpisodeRow, GroundingRow, StepRow } from '../../lib/schema/dataset-row';

/** A GUI-grounding example from a step whose target is in view in its screenshot; null otherwise. */
export function groundingRow(step: StepRow): GroundingRow | null {
  const t = step.target;
  const { bbox_norm, point_norm } = step.derived;
  const size = step.observation?.screenshot_size;
  if (!t || t.located === 'none' || !t.bbox_css || !bbox_norm || !point_norm || !step.screenshot || !size) return null;
  return {
    action_uid: step.action_uid,
    episode_id: step.episode_id,
    step_index: step.step_index,
    screenshot: step.screenshot,
    screenshot_size: size,
    instruction: step.derived.instruction,
    action_type: step.action.type,
    tag: t.tag,
    role: t.role,
    name: t.name,
    node_id: t.node_id,
    bbox_norm,
    point_norm,
    bbox_css: t.bbox_css,
  };
}

export function episodeRow(e: {
  episodeId: string;
  split: Split;
  site: string;
  steps: readonly StepRow[];
  durationMs: number;
  stepsDropped: number;
  rendered: boolean;
}): EpisodeRow {
  const templates = [...new Set(e.steps.map((s) => s.url_template))];
  return {
    episode_id: e.episodeId,
    split: e.split,
    site: e.site,
    url_template: templates[0] ?? e.site,
    url_templates: templates,
    step_count: e.steps.length,
    duration_ms: Math.max(0, Math.round(e.durationMs)),
    action_types: e.steps.map((s) => s.action.type),
    intent: null,
    intent_source: 'none',
    steps_dropped: e.stepsDropped,
    rendered: e.rendered,
  };
}

/** A row as a JSONL line's object: images and DOM as relative paths to screenshots/ and dom/. */
export function jsonlRow(row: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(row)) {
    if (k === 'dom_html_gz') continue;
    out[k] = v && typeof v === 'object' && 'bytes' in v && 'path' in v ? (v as { path: string | null }).path : v;
  }
  return out;
}
