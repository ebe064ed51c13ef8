import { bundleForPage } from '../../e2e/support/page-bundle';

/**
 * Plain rrweb for the comparison: rrweb.record with webtrace's options
 * (masking, blocking, sampling, slimDOM; lib/recorder/rrweb-options.ts and
 * lib/privacy/rrweb-privacy-options.ts) and nothing else: no event scrubber,
 * no actions, no port. Events stay in an array. Evaluated in the page's world
 * or in an isolated world (where a content script runs), it sets
 * globalThis.__plainRrweb. start(true) first installs webtrace's fix for the
 * isolated world (lib/recorder/custom-elements-shim.ts, and the marking of
 * custom elements that goes with it). It marks the trace as webtrace's recorder does
 * (lib/recorder/trace-marks.ts), so both are timed alike.
 */
const ENTRY = `
  import { record } from 'rrweb';
  import { rrwebOptions } from './lib/recorder/rrweb-options';
  import { rrwebPrivacyOptions } from './lib/privacy/rrweb-privacy-options';
  import { valueAllowance } from './lib/privacy/value-allowance';
  import { TRACE_MARK } from './lib/recorder/trace-marks';
  import { installCustomElementsShim } from './lib/recorder/custom-elements-shim';
  import { markCustomElements } from './lib/recorder/mark-custom-elements';
  const policy = { maskAllText: false, blockSelector: null, maskTextSelector: null };
  const state = { events: [], snapshots: 0, stop: null };
  globalThis.__plainRrweb = {
    start(withShim) {
      const shimmed = withShim && installCustomElementsShim(window);
      console.timeStamp(TRACE_MARK.recordStart);
      state.stop = record({
        ...rrwebOptions(rrwebPrivacyOptions(policy, valueAllowance(policy, new WeakSet()), [])),
        emit(event) {
          if (shimmed) markCustomElements(event, record.mirror);
          state.events.push(event);
          if (event.type === 2) {
            state.snapshots += 1;
            if (state.snapshots === 1) console.timeStamp(TRACE_MARK.fullSnapshot);
          }
        },
      });
    },
    snapshots: () => state.snapshots,
    /** Takes the events recorded so far (the caller keeps them). */
    drain() {
      const events = state.events;
      state.events = [];
      return events;
    },
    stop() { state.stop && state.stop(); },
  };
`;

let cached: Promise<string> | null = null;

export function plainRrwebBundle(): Promise<string> {
  cached ??= bundleForPage(ENTRY);
  return cached;
}
