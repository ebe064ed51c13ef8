/** Regions one screenshot report may carry (lib/schema/shot-regions.ts); past it the page refuses the shot. */
export const MAX_SHOT_REGIONS = 20_000;
