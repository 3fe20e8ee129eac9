/**
 * An on/off setting from the environment (NEWSROOM_DEPLOY, SITE_ADMIN): 1 or true is on,
 * 0 or false is off, unset or empty is the default. Any other value is refused rather than
 * guessed: a misspelt setting must not silently do the opposite of what was meant.
 */
export function readSwitch(name: string, value: string | undefined, fallback: boolean, meaning: string): boolean {
  const text = (value ?? "").trim().toLowerCase();
  if (text === "") return fallback;
  if (text === "1" || text === "true") return true;
  if (text === "0" || text === "false") return false;
  throw new Error(`${name}: "${value}" is not a setting: use 1 (${meaning}) or 0`);
}
