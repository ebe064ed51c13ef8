/**
 * The in-page recording indicator's host element (issue 19). An undefined
 * custom-element name: a content script's isolated world has no
 * customElements registry, and attachShadow accepts any valid custom name.
 */
export const INDICATOR_TAG = 'webtrace-recording-indicator';

/** The red dot's colour; the e2e pixel search looks for exactly this, so pick nothing near it elsewhere. */
export const INDICATOR_DOT_RGB = [214, 18, 58] as const;
