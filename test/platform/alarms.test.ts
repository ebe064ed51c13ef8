import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { createAlarms, PAUSE_END_ALARM, UPLOAD_ALARM } from '../../lib/platform/alarms';

describe('the worker alarms', () => {
  beforeEach(() => fakeBrowser.reset());
  const alarms = () => createAlarms(fakeBrowser.alarms as unknown as Parameters<typeof createAlarms>[0]);

  it('keeps one upload alarm, at the interval in force', async () => {
    await alarms().ensureUpload();
    expect((await fakeBrowser.alarms.get(UPLOAD_ALARM))?.periodInMinutes).toBe(0.5);
    await alarms().setUploadInterval(120);
    await alarms().ensureUpload();
    expect((await fakeBrowser.alarms.getAll()).map((a) => [a.name, a.periodInMinutes])).toEqual([[UPLOAD_ALARM, 2]]);
  });

  it('wakes the worker when a pause ends, and forgets it when the pause is lifted', async () => {
    await alarms().schedulePauseEnd(5_000);
    expect((await fakeBrowser.alarms.get(PAUSE_END_ALARM))?.scheduledTime).toBe(5_000);
    await alarms().schedulePauseEnd(null);
    expect(await fakeBrowser.alarms.get(PAUSE_END_ALARM)).toBeUndefined();
  });
});
