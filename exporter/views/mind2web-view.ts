import type { Candidate } from '../../lib/schema/dataset-observation';
import type { EpisodeRow, StepRow } from '../../lib/schema/dataset-row';
import type { Mind2WebTask } from '../../lib/schema/dataset-views';

type Op = 'CLICK' | 'TYPE' | 'SELECT';

/** Mind2Web's operations: clicks (and checks) are CLICK, typing TYPE, a choice in a native <select> SELECT. */
function operationOf(step: StepRow): { op: Op; original_op: string; value: string } | null {
  const t = step.action.type;
  if (t === 'click' || t === 'check') return { op: 'CLICK', original_op: 'CLICK', value: '' };
  if (t === 'type') return { op: 'TYPE', original_op: 'TYPE', value: step.action.value ?? '' };
  if (t === 'select') {
    const native = step.target?.tag === 'select';
    return { op: native ? 'SELECT' : 'CLICK', original_op: native ? 'SELECT' : 'CLICK', value: native ? (step.action.value ?? '') : '' };
  }
  return null;
}

function candidate(c: Candidate, isTarget: boolean) {
  const b = c.bbox_css;
  const attributes = {
    backend_node_id: String(c.node_id),
    bounding_box_rect: `${b.x},${b.y},${b.width},${b.height}`,
    role: c.role,
    name: c.name,
  };
  return {
    tag: c.tag,
    attributes: JSON.stringify(attributes),
    backend_node_id: String(c.node_id),
    is_original_target: isTarget,
    is_top_level_target: isTarget,
  };
}

/**
 * An episode as a Mind2Web task record: one action per CLICK/TYPE/SELECT
 * step, with the target among `pos_candidates` and the other interactive
 * candidates as `neg_candidates`. Other steps (keys, scrolls, navigation)
 * have no Mind2Web operation and are left out of the view.
 */
export function mind2webTask(episode: EpisodeRow, steps: readonly StepRow[]): Mind2WebTask | null {
  const actions: Mind2WebTask['actions'] = [];
  const reprs: string[] = [];
  for (const step of steps) {
    const operation = operationOf(step);
    if (!operation || !step.target || step.derived.mind2web_action_repr === null) continue;
    const candidates = step.observation?.candidates ?? [];
    const pos = candidates.filter((c) => c.is_target);
    const target = step.target;
    if (pos.length === 0 && target.bbox_css) {
      pos.push({
        node_id: target.node_id,
        tag: target.tag,
        role: target.role,
        name: target.name,
        bbox_css: target.bbox_css,
        in_viewport: target.in_viewport,
        is_target: true,
      });
    }
    actions.push({
      action_uid: step.action_uid,
      operation,
      pos_candidates: pos.map((c) => candidate(c, true)),
      neg_candidates: candidates.filter((c) => !c.is_target).map((c) => candidate(c, false)),
      raw_html_path: step.dom_path,
      screenshot_path: step.screenshot?.path ?? null,
    });
    reprs.push(step.derived.mind2web_action_repr);
  }
  if (actions.length === 0) return null;
  return {
    annotation_id: episode.episode_id,
    // The site's origin: a bare host would read as an IP address to the privacy search, an origin is a URL.
    website: episode.site,
    domain: null,
    subdomain: null,
    confirmed_task: episode.intent,
    action_reprs: reprs,
    actions,
  };
}
