/**
 * The server's refusals that no retry fixes by itself (issue 16), in plain words: what happens
 * meanwhile and what the person can do. `lastError` is the queue's last upload problem as the
 * worker recorded it: the server's `code: message`, possibly behind a prefix ("network error:
 * enrolment refused: …" when enrolling was refused). Null: not one of these; the popup then
 * says uploads are not getting through, as for any outage.
 */
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/;

const STAYS = 'Your recordings stay on this computer meanwhile and are sent once this is fixed.';

/** "this install's credential (install id …)", or without the id when the server's answer did not name it. */
const thisInstall = (id: string | null) => (id === null ? "this install's credential" : `this install's credential (install id ${id})`);

const REFUSALS: ReadonlyArray<{ code: RegExp; text: (id: string | null) => string }> = [
  {
    code: /\binstall_already_enrolled\b/,
    text: (id) =>
      `The server will not register this computer again: it already holds an upload credential for it that this computer no longer has. ${STAYS} Ask your admin to reset ${thisInstall(id)}.`,
  },
  {
    code: /\binstall_credential_(revoked|expired|unknown|required)\b/,
    text: (id) =>
      `The server refused this computer's upload credential, and registering again did not help. ${STAYS} Ask your admin to reset ${thisInstall(id)}.`,
  },
  {
    code: /\b(no_active_consent|consent_version_not_granted)\b/,
    text: () =>
      `The server has no record of your agreement to this recording. ${STAYS} Open “What is recorded” below and agree again; if this stays, tell your admin.`,
  },
  {
    code: /\binstall_erased\b/,
    text: (id) =>
      `The recordings of this install${id === null ? '' : ` (install id ${id})`} were deleted from the server on request, and it accepts nothing more from it; what waited here for it is deleted, not sent. Ask your admin if you did not expect this.`,
  },
];

export function describeRefusal(lastError: string): string | null {
  const refusal = REFUSALS.find((r) => r.code.test(lastError));
  return refusal ? refusal.text(UUID.exec(lastError)?.[0] ?? null) : null;
}
