import { describe, expect, it } from 'vitest';
import { describeRefusal } from '../../lib/ui/describe-refusal';

const ID = '3f0c1a52-8a43-4e4b-9a57-1f2d3c4b5a69';
const STAYS = 'Your recordings stay on this computer meanwhile';

/** lastError as the worker records it: the server's `code: message`, behind the enrolment's prefix when enrolling failed. */
describe('the popup words for refusals no retry fixes', () => {
  it('a stuck install (409 on enrolment): data stays, ask the admin to reset this install, quoting its id', () => {
    const text = describeRefusal(
      `network error: enrolment refused: install_already_enrolled: install ${ID} already has a live credential; an admin must revoke it`,
    );
    expect(text).toContain(STAYS);
    expect(text).toContain(`Ask your admin to reset this install's credential (install id ${ID}).`);
    expect(text).not.toContain('install_already_enrolled');
  });

  it.each(['install_credential_revoked', 'install_credential_expired', 'install_credential_unknown', 'install_credential_required'])(
    'a 401 %s after enrolling again: the same advice',
    (code) => {
      const text = describeRefusal(`${code}: install ${ID}: the install credential was revoked by an admin; enrol again`);
      expect(text).toMatch(/^The server refused this computer's upload credential, and registering again did not help\./);
      expect(text).toContain(STAYS);
      expect(text).toContain(`(install id ${ID})`);
    },
  );

  it('without an id in the answer it still says what to do, without inventing one', () => {
    expect(describeRefusal('install_credential_revoked: the install credential was revoked')).toContain(
      "Ask your admin to reset this install's credential.",
    );
  });

  it('no consent on the server (403): data stays, agree again', () => {
    for (const code of ['no_active_consent', 'consent_version_not_granted']) {
      const text = describeRefusal(`${code}: install ${ID} has no active consent grant on the server`);
      expect(text).toContain(STAYS);
      expect(text).toContain('agree again');
    }
  });

  it('an erased install (410): says the data here is deleted, not that it stays', () => {
    const text = describeRefusal(`install_erased: install ${ID} was erased on 2026-11-30T10:00:00.000Z`)!;
    expect(text).toContain('were deleted from the server on request');
    expect(text).toContain('deleted, not sent');
    expect(text).not.toContain(STAYS);
  });

  it('anything else is not a refusal: the popup keeps its outage wording', () => {
    expect(describeRefusal('HTTP 503')).toBeNull();
    expect(describeRefusal('network error: Failed to fetch')).toBeNull();
  });
});
