import type { recordOptions } from 'rrweb';
import type { RrwebEvent } from '../schema/rrweb-event';
import { createDomProbe, type MirrorLike } from './dom-probe';
import { createEventScrubber } from './event-scrubber';
import { pasteGuardPlugin } from './paste-guard';
import type { PrivacyPolicy } from './policy';
import { rrwebPrivacyOptions } from './rrweb-privacy-options';
import { valueAllowance } from './value-allowance';

export interface PagePrivacy {
  /** rrweb's own masking and blocking: the first layer. */
  rrwebOptions: Partial<recordOptions<unknown>>;
  /** Every event rrweb emits goes through this before it is buffered; null: drop it. */
  scrub(event: RrwebEvent): RrwebEvent | null;
  /** The same as work that yields between slices of a full snapshot (lib/privacy/event-scrubber.ts). */
  scrubInSlices(event: RrwebEvent): Generator<void, RrwebEvent | null, undefined>;
}

/** Privacy for one recorded page: rrweb's options and the event scrubber, sharing what was pasted where. */
export function createPagePrivacy(policy: PrivacyPolicy, mirror: MirrorLike): PagePrivacy {
  const pasted = new WeakSet<Element>();
  const allowValue = valueAllowance(policy, pasted);
  const scrubber = createEventScrubber({
    mode: 'device',
    maskAllText: policy.maskAllText,
    probe: createDomProbe(mirror, policy, allowValue),
  });
  return {
    rrwebOptions: rrwebPrivacyOptions(policy, allowValue, [pasteGuardPlugin(pasted)]),
    scrub: (event) => scrubber.scrub(event),
    scrubInSlices: (event) => scrubber.scrubInSlices(event),
  };
}
