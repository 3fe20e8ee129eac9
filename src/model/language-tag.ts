/**
 * The one check of a language tag (BCP 47), against the IANA registry the
 * `language-tags` package carries: the schema judges an article's `lang` with it, and
 * the importer its `--lang`, so a tag one accepts the other never refuses.
 */
import languageTags from "language-tags";

export function isLanguageTag(tag: string): boolean {
  return languageTags.check(tag);
}
