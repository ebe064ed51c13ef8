/**
 * The toolbar icon's states and the files that draw them (rendered from
 * icons/*.svg by `npm run icons` into public/icons/). Each state has its own
 * shape, not only its own colour, so it reads without colour vision.
 */
export const ICON_STATES = ['recording', 'paused', 'off', 'not-allowed'] as const;
export type IconState = (typeof ICON_STATES)[number];

/** Sizes Chrome and Edge ask for: toolbar 16/32 (1x/2x), extensions page 48, stores and install dialog 128. */
export const ICON_SIZES = [16, 32, 48, 128] as const;

export type IconPaths = Record<`${(typeof ICON_SIZES)[number]}`, string>;

export function iconPaths(name: IconState | 'brand'): IconPaths {
  return Object.fromEntries(ICON_SIZES.map((size) => [String(size), `/icons/${name}-${size}.png`])) as IconPaths;
}
