import type { StoredShot } from '../../lib/schema/screenshot';
import type { SessionAction } from '../episodes/load-session';
import type { StepCapture } from '../steps/step-observation';
import type { StepMoment } from '../steps/step-timeline';
import type { InputProblem, StoreReader } from '../store/store-reader';
import { CAPTURE_MAX_GAP_MS, chooseShot } from './choose-shot';

export interface CaptureLookup {
  shots: readonly StoredShot[];
  reader: StoreReader;
  problems: InputProblem[];
  maxGapMs?: number;
}

/**
 * Each step's captured shot (null: none in its window, or its image could not
 * be read back as listed; then the step is rendered from the replay). Images
 * are read only for the shots chosen, each once.
 */
export async function stepCaptures(
  actions: readonly SessionAction[],
  moments: readonly StepMoment[],
  lookup: CaptureLookup,
): Promise<Array<StepCapture | null>> {
  const read = new Map<StoredShot, Promise<Uint8Array | null>>();
  const out: Array<StepCapture | null> = [];
  for (const [i, sa] of actions.entries()) {
    const window = { page: sa.page, actionT: sa.action.t, at: moments[i]!.at, previousT: i > 0 ? actions[i - 1]!.action.t : null };
    const chosen = lookup.shots.length ? chooseShot(lookup.shots, window, lookup.maxGapMs ?? CAPTURE_MAX_GAP_MS) : null;
    if (!chosen) {
      out.push(null);
      continue;
    }
    const { shot, gapMs } = chosen;
    if (!read.has(shot)) read.set(shot, readOnce(lookup, shot));
    const bytes = await read.get(shot)!;
    out.push(
      bytes && {
        bytes,
        image: { width: shot.image.width, height: shot.image.height },
        scale: shot.scale,
        viewport: shot.viewport,
        scroll: shot.scroll,
        gapMs,
      },
    );
  }
  return out;
}

async function readOnce(lookup: CaptureLookup, shot: StoredShot): Promise<Uint8Array | null> {
  const got = await lookup.reader.readShot(shot);
  if (got.ok) return got.bytes;
  lookup.problems.push(got.problem);
  return null;
}
