import type { CaptureStatus } from '../../schema/employee-state';
import type { IconState } from './icon-paths';

/**
 * What the toolbar shows for a tab: an icon whose shape says the state, a
 * tooltip that says it in words (screen readers read it), and the red REC
 * badge while recording. Paused looks different from off.
 */
export interface ToolbarLook {
  icon: IconState;
  title: string;
  badge: string;
}

const LOOKS: Record<CaptureStatus, { icon: IconState; label: string }> = {
  recording: { icon: 'recording', label: 'recording this site' },
  paused: { icon: 'paused', label: 'paused' },
  off: { icon: 'off', label: 'off for this site' },
  'not-consented': { icon: 'off', label: 'off until you agree to recording' },
  'not-allowed': { icon: 'not-allowed', label: 'not allowed on this site' },
  unavailable: { icon: 'not-allowed', label: 'off: settings unavailable' },
};

export function toolbarLook(status: CaptureStatus, reason?: string | null): ToolbarLook {
  const { icon, label } = LOOKS[status];
  return {
    icon,
    title: reason ? `webtrace: ${label}\n${reason}` : `webtrace: ${label}`,
    badge: status === 'recording' ? 'REC' : '',
  };
}
