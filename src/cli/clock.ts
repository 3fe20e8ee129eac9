/**
 * The build's clock for a command-line wrapper: NEWSROOM_NOW when set (src/model/clock.ts),
 * else the current time. An invalid value ends the command with its message and exit 2,
 * the code for bad usage.
 */
import { buildClock, CLOCK_ENV } from "../model/clock.ts";

export function clockOrExit(env: Record<string, string | undefined>): Date {
  try {
    return buildClock(env[CLOCK_ENV], new Date());
  } catch (error) {
    console.error((error as Error).message);
    process.exit(2);
  }
}
