/**
 * The version of the consent text. Raise it whenever what is captured, where
 * it goes or what it is used for changes: everyone is asked again before
 * recording resumes. (The admin policy may raise it too.)
 */
export const CONSENT_VERSION = 1;
