import { gzipSync } from 'node:zlib';
import type { StepRow } from '../../lib/schema/dataset-row';
import type { ObserveRequest } from '../../lib/schema/render-observation';
import { siteOf } from '../episodes/cut-episodes';
import { domPath, screenshotPath } from '../output/layout';
import { scanRow, type PiiHit } from '../privacy/privacy-gate';
import type { ImageFormat, RenderRequest, Rendered, ReplayWorker } from '../render/replay-worker';
import { pointOf } from '../steps/action-facts';
import { buildStep } from '../steps/build-step';
import { episodeRow } from '../steps/derived-rows';
import type { FinishedEpisode } from '../write/part-writer';
import type { PlannedSession } from './plan-session';

export interface BuildOptions {
  topK: number;
  imageFormat: ImageFormat;
}

export interface BuiltSession {
  planned: PlannedSession;
  episodes: FinishedEpisode[];
  /** Steps the privacy gate dropped, named `action_uid field kind`. */
  privacyDropped: string[];
  privacySteps: number;
  /** A never-captured value was found: the export must fail (named like the drops). */
  fatal: string[];
}

/** What follows a click or key this closely is taken for its effect, not a separate decision. */
const EFFECT_MS = 1500;
const CAUSES = new Set(['click', 'key', 'select', 'check']);

/**
 * Renders a planned session's kept steps (when a worker is given) in one
 * forward pass over its events, builds each step's row, and puts every row
 * through the privacy gate: a hit drops the step, a never-captured value
 * fails the export.
 */
export async function buildSession(planned: PlannedSession, worker: ReplayWorker | null, opts: BuildOptions): Promise<BuiltSession> {
  const requests: RenderRequest[] = [];
  for (const ep of planned.episodes) {
    for (const [i, sa] of ep.cut.actions.entries())
      requests.push({
        at: ep.moments[i]!.at,
        observe: observeRequest(sa.action, opts.topK),
        frame: sa.action.frame ?? [],
        scale: ep.moments[i]!.recorded?.devicePixelRatio ?? 1,
        // A step with a captured shot needs no rendered one.
        screenshot: ep.captures[i] == null,
      });
  }
  const rendered: Rendered[] | null = worker ? await worker.renderSession(planned.data.events, requests) : null;

  const out: BuiltSession = { planned, episodes: [], privacyDropped: [], privacySteps: 0, fatal: [] };
  let r = 0;
  for (const ep of planned.episodes) {
    const first = ep.cut.actions[0]!.action.t;
    const steps: StepRow[] = [];
    let dropped = 0;
    for (const [i, sa] of ep.cut.actions.entries()) {
      const shown = rendered ? rendered[r] : null;
      r += 1;
      const prev = i > 0 ? ep.cut.actions[i - 1]!.action : null;
      const likelyEffect =
        (sa.action.type === 'navigate' || sa.action.type === 'submit') &&
        prev !== null &&
        CAUSES.has(prev.type) &&
        sa.action.t - prev.t <= EFFECT_MS;
      const domHtml = shown?.answer.domHtml ?? null;
      const capture = ep.captures[i] ?? null;
      const row = buildStep({
        episodeId: ep.episodeId,
        stepIndex: i,
        tMs: sa.action.t - first,
        site: siteOf(sa),
        action: sa.action,
        moment: ep.moments[i]!,
        observed: shown
          ? {
              answer: shown.answer,
              screenshot: shown.screenshot,
              domHtmlGz: domHtml === null ? null : new Uint8Array(gzipSync(domHtml, { level: 6 })),
            }
          : null,
        capture,
        screenshotPath: screenshotPath(ep.episodeId, i, capture ? 'webp' : opts.imageFormat === 'jpeg' ? 'jpg' : opts.imageFormat),
        domPath: domPath(ep.episodeId, i),
        likelyEffect,
      });
      const hits = scanRow(row, { dom_html: domHtml });
      if (hits.length) {
        const names = hits.map((h: PiiHit) => `${row.action_uid} ${h.field} ${h.kind}`);
        if (hits.some((h) => h.fatal)) out.fatal.push(...names.filter((_, k) => hits[k]!.fatal));
        out.privacyDropped.push(...names);
        out.privacySteps += 1;
        dropped += 1;
        continue;
      }
      steps.push(row);
    }
    if (steps.length === 0) continue;
    const last = ep.cut.actions[ep.cut.actions.length - 1]!.action.t;
    const episode = episodeRow({
      episodeId: ep.episodeId,
      split: ep.split,
      site: ep.cut.site,
      steps,
      durationMs: last - first,
      stepsDropped: dropped,
      rendered: worker !== null,
    });
    out.episodes.push({ split: ep.split, fingerprint: ep.fingerprint, episode, steps });
  }
  return out;
}

function observeRequest(action: PlannedSession['data']['actions'][number]['action'], topK: number): ObserveRequest {
  const t = action.target;
  const b = t?.bbox;
  const point = pointOf(action) ?? (b ? { x: b.x + b.width / 2, y: b.y + b.height / 2 } : null);
  return {
    nodeId: t && t.nodeId > 0 ? t.nodeId : null,
    selectors: (t?.selectors ?? []).map(({ kind, value }) => ({ kind, value })),
    point,
    topK,
    full: true,
  };
}
