/**
 * The build's clock: the one "now" a build uses for embargoes, the News sitemap's two
 * days and the age notice. Entry points (astro.config.mjs, `npm run check`, `npm run
 * build`) read it once and pass it on; nothing deeper reads the environment.
 */
import { parsePubDate, toInstant } from "./dates.ts";

/** Set it to build the site as of another moment (tests, previews): "2026-12-01T09:00Z". */
export const CLOCK_ENV = "NEWSROOM_NOW";

/** The instant `value` names, or `fallback` when it is unset; an invalid value is an error. */
export function buildClock(value: string | undefined, fallback: Date): Date {
  if (value === undefined || value.trim() === "") return fallback;
  try {
    return toInstant(parsePubDate(value));
  } catch (error) {
    throw new Error(
      `${CLOCK_ENV}: ${(error as Error).message} (it sets the build's clock; leave it unset for the current time)`,
      { cause: error },
    );
  }
}
