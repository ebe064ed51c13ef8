import type { UploadsAnswer } from '../schema/extension-messages';
import type { UploadedGroup } from '../schema/my-recordings';
import { formatBytes, formatDateTimeInLocale } from '../rules/format/format-quantities';

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;
const clock = (ms: number) => new Intl.DateTimeFormat(undefined, { timeStyle: 'short' }).format(ms);
// The server groups by UTC day: the label names that day, not the local one.
const utcDate = (day: string) =>
  new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeZone: 'UTC' }).format(Date.parse(`${day}T00:00:00Z`));

/** "host" of an origin, or the text as it came. */
function hostOf(site: string): string {
  try {
    return new URL(site).host || site;
  } catch {
    return site;
  }
}

/** One group in plain words: "3 recordings, 1.2 MB, 09:14–11:02" (and its screenshots, when any). */
export function describeGroup(g: UploadedGroup): string {
  const shots = g.screenshots > 0 ? `, ${plural(g.screenshots, 'screenshot')}` : '';
  return `${plural(g.recordings, 'recording')}, ${formatBytes(g.bytes)}, ${clock(g.firstAt)}–${clock(g.lastAt)}${shots}`;
}

/** My data's "Uploaded to <server>": the install id, and what the server holds per site and day, or why it is not known. */
export function renderUploads(doc: Document, answer: UploadsAnswer): void {
  doc.getElementById('server-name')!.textContent = hostOf(answer.server);
  const id = doc.getElementById('install-id')!;
  // A new identifier (after a deletion): "Copied." was about the old one.
  if (id.textContent !== answer.installId) doc.getElementById('copy-result')!.textContent = '';
  id.textContent = answer.installId;
  const table = doc.getElementById('uploads') as HTMLTableElement;
  const groups = answer.recordings?.groups ?? [];
  table.tBodies[0]!.replaceChildren(
    ...groups.map((g) => {
      const row = doc.createElement('tr');
      for (const text of [utcDate(g.day), hostOf(g.site), describeGroup(g)]) {
        const td = doc.createElement('td');
        td.textContent = text;
        row.append(td);
      }
      row.cells[1]!.title = g.site;
      return row;
    }),
  );
  table.hidden = groups.length === 0;
  const summary = doc.getElementById('uploads-summary')!;
  summary.dataset.state = answer.recordings ? 'listed' : answer.erasedAt !== null ? 'erased' : 'failed';
  summary.textContent = summaryText(answer);
}

function summaryText(answer: UploadsAnswer): string {
  if (answer.recordings) {
    const { recordings, bytes, screenshots } = answer.recordings.totals;
    if (recordings === 0) return 'The server holds no recordings from this computer.';
    const shots = screenshots > 0 ? ` with ${plural(screenshots, 'screenshot')}` : '';
    return `The server holds ${plural(recordings, 'recording')}${shots} (${formatBytes(bytes)}) from this computer.`;
  }
  if (answer.erasedAt !== null)
    return (
      'The server holds nothing more from this identifier: its recordings were deleted' +
      (answer.erasedAt > 0 ? ` on ${formatDateTimeInLocale(answer.erasedAt)}.` : '.')
    );
  return answer.detail ?? 'Your uploads could not be listed. Try again later.';
}

/** The copy button for the install id, with a spoken result ("Copied" or what to do instead). */
export function wireCopyInstallId(doc: Document, writeText: (text: string) => Promise<void>): void {
  const button = doc.getElementById('copy-install-id') as HTMLButtonElement;
  const result = doc.getElementById('copy-result')!;
  button.addEventListener('click', () => {
    const id = doc.getElementById('install-id')!.textContent ?? '';
    void writeText(id).then(
      () => (result.textContent = 'Copied.'),
      () => (result.textContent = 'Could not copy: select the identifier and copy it by hand.'),
    );
  });
}
