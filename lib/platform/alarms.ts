/** The worker's two alarms: the periodic upload, and the end of a pause. */
export const UPLOAD_ALARM = 'webtrace/upload';
export const PAUSE_END_ALARM = 'webtrace/pause-end';

export interface AlarmsApi {
  get(name: string): Promise<{ periodInMinutes?: number } | undefined>;
  create(name: string, info: { periodInMinutes?: number; when?: number }): Promise<void>;
  clear(name: string): Promise<boolean>;
}

export function createAlarms(alarms: AlarmsApi) {
  return {
    /** The upload alarm exists (every 30 s until the configuration says otherwise). */
    async ensureUpload(): Promise<void> {
      if (!(await alarms.get(UPLOAD_ALARM))) await alarms.create(UPLOAD_ALARM, { periodInMinutes: 0.5 });
    },
    async setUploadInterval(seconds: number): Promise<void> {
      const existing = await alarms.get(UPLOAD_ALARM);
      if (existing?.periodInMinutes !== seconds / 60) await alarms.create(UPLOAD_ALARM, { periodInMinutes: seconds / 60 });
    },
    /** A wake-up at `at` (epoch ms) to re-apply the decision when a pause ends; null clears it. */
    async schedulePauseEnd(at: number | null): Promise<void> {
      if (at === null) await alarms.clear(PAUSE_END_ALARM);
      else await alarms.create(PAUSE_END_ALARM, { when: at });
    },
  };
}
