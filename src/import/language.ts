/**
 * The language of imported text, told by its script: Arabic script gives "ar" (the page
 * then reads right to left), Latin script gives "en", the language of the copy we take.
 * Anything else we will not guess: the publisher says it with --lang.
 */
export type Detected = { lang: string } | { lang: undefined; why: string };

const SCRIPTS: Array<[name: string, re: RegExp]> = [
  ["Latin", /\p{Script=Latin}/u],
  ["Arabic", /\p{Script=Arabic}/u],
  ["Cyrillic", /\p{Script=Cyrillic}/u],
  ["Greek", /\p{Script=Greek}/u],
  ["Hebrew", /\p{Script=Hebrew}/u],
  ["Han", /\p{Script=Han}/u],
];

/** Share of the text's letters in each script, largest first. */
function scriptShares(text: string): Array<{ script: string; share: number }> {
  const counts = new Map<string, number>();
  let letters = 0;
  for (const ch of text.match(/\p{L}/gu) ?? []) {
    letters++;
    const script = SCRIPTS.find(([, re]) => re.test(ch))?.[0] ?? "other";
    counts.set(script, (counts.get(script) ?? 0) + 1);
  }
  return [...counts]
    .map(([script, n]) => ({ script, share: n / letters }))
    .sort((a, b) => b.share - a.share || a.script.localeCompare(b.script));
}

export function detectLanguage(text: string): Detected {
  const shares = scriptShares(text);
  const top = shares[0];
  if (!top) return { lang: undefined, why: "has no letters" };
  if (top.share < 0.5) {
    const mix = shares.map((s) => `${s.script} ${Math.round(s.share * 100)}%`).join(", ");
    return { lang: undefined, why: `mixes scripts (${mix})` };
  }
  if (top.script === "Arabic") return { lang: "ar" };
  if (top.script === "Latin") return { lang: "en" };
  return { lang: undefined, why: `is written in ${top.script} script` };
}
