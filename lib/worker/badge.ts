/** The toolbar shows which tabs are being recorded: a red "REC" on the tab's icon, nothing otherwise. */
export interface ActionApi {
  setBadgeText(details: { tabId: number; text: string }): Promise<void>;
  setBadgeBackgroundColor(details: { tabId: number; color: string }): Promise<void>;
}

export async function showRecording(action: ActionApi, tabId: number, recording: boolean): Promise<void> {
  try {
    await action.setBadgeText({ tabId, text: recording ? 'REC' : '' });
    if (recording) await action.setBadgeBackgroundColor({ tabId, color: '#c62828' });
  } catch {
    // The tab closed meanwhile.
  }
}
