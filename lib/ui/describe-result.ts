/**
 * A request's failure as the person should read it. The worker's details are
 * terse state names ("upload backingOff", which tests and logs use); the
 * popup says what happened, what happens meanwhile and what to do.
 */
/** By the upload run's status (lib/upload/upload-run.ts, UploadRunStatus) and 'did not run'. */
const UPLOAD_FAILURES: Record<string, string | undefined> = {
  backingOff:
    'The upload did not go through: the server did not answer or refused it. Your recordings stay on this computer and are sent by themselves once it answers.',
  rateLimited: 'The server asked to wait before the next upload. Your recordings stay on this computer and are sent by themselves.',
  waiting: 'An upload is due shortly; your recordings stay on this computer until then.',
  'did not run': 'The upload could not start. Try again in a moment.',
};

export function describeFailure(detail: string): string {
  const upload = /^upload (.+)$/.exec(detail)?.[1];
  return (upload && UPLOAD_FAILURES[upload]) || detail;
}
