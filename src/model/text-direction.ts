/**
 * Which way a language's text runs, from its BCP 47 tag: a script subtag decides when
 * there is one ("az-Arab", "ku-Latn"); otherwise the language's usual script does.
 */
const RTL_LANGUAGES = new Set(["ar", "arc", "ckb", "dv", "fa", "he", "iw", "ks", "ps", "sd", "ug", "ur", "yi"]);
const RTL_SCRIPTS = new Set(["adlm", "arab", "hebr", "mand", "nkoo", "rohg", "syrc", "thaa"]);

export function textDirection(lang: string): "ltr" | "rtl" {
  const [language = "", ...subtags] = lang.toLowerCase().split("-");
  const script = subtags.find((s) => /^[a-z]{4}$/.test(s));
  if (script) return RTL_SCRIPTS.has(script) ? "rtl" : "ltr";
  return RTL_LANGUAGES.has(language) ? "rtl" : "ltr";
}

/**
 * The `dir` attribute an element in `lang` needs on a page whose language is `pageLang`:
 * none when both run left to right (the default), else its own direction, so an English
 * article on an Arabic site says "ltr" as plainly as an Arabic one on an English site says "rtl".
 */
export function dirAttribute(lang: string, pageLang: string): "ltr" | "rtl" | undefined {
  const own = textDirection(lang);
  return own === "ltr" && textDirection(pageLang) === "ltr" ? undefined : own;
}
