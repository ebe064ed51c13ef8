/**
 * Copies text to the clipboard. The async clipboard API needs a secure
 * context (https, localhost or a file), which a viewer served over plain http
 * on a LAN address is not; the older copy command covers that case.
 */
export async function copyText(text: string): Promise<void> {
  try {
    await navigator.clipboard.writeText(text);
    return;
  } catch {
    // fall through to the copy command
  }
  const area = document.createElement('textarea');
  area.value = text;
  area.setAttribute('readonly', '');
  area.style.position = 'fixed';
  area.style.opacity = '0';
  document.body.append(area);
  area.select();
  const ok = document.execCommand('copy');
  area.remove();
  if (!ok) throw new Error(`the browser refused; copy it by hand: ${text}`);
}
