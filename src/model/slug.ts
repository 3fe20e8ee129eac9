/**
 * Every slug the site makes, one function per rule, because the rules differ on purpose:
 * - `topicSlug`: a section's or tag's page (/tags/<slug>/); any script, symbols spelled out.
 * - `entryId`: the id (and address) Astro's glob loader gives an article file.
 * - `importSlug`: the file name the importer proposes for a headline; plain ASCII.
 * - `headingSlug`: a heading's `id` inside an article body.
 */
// The slugger Astro's glob loader names entries with (a dependency of astro), so ids match exactly.
import { slug as githubSlug } from "github-slugger";

/**
 * URL slugs for sections and tags: lower case, words joined by hyphens, letters of any
 * script kept ("United States" → "united-states", "سوريا" stays Arabic), so two names
 * that differ only in case or punctuation share one page. The symbols that tell topics
 * apart are spelled out ("C++" → "c-plus-plus", "C#" → "c-sharp"), so "C", "C++" and
 * "C#" get three pages, not one.
 */
export function topicSlug(name: string): string {
  return name
    .normalize("NFKC")
    .replace(/(?<=[\p{L}\p{N}+])\+/gu, " plus ")
    .replace(/(?<=[\p{L}\p{N}])#(?![\p{L}\p{N}])/gu, " sharp ")
    .toLocaleLowerCase("en")
    .replace(/['’]/g, "")
    .replace(/[^\p{L}\p{M}\p{N}]+/gu, "-")
    .replace(/^-+|-+$/g, "");
}

/**
 * What must match for two names to be one topic: case, spaces, dashes and sentence
 * punctuation aside. "Middle East" and "middle-east" are one topic; "Syria" and
 * "Syria?" share an address but are not the same name, so the check refuses the pair.
 */
export function topicKey(name: string): string {
  return name
    .normalize("NFKC")
    .toLocaleLowerCase("en")
    .replace(/[\s\p{Pd}\p{Pc}'’.,:;!?"“”()]+/gu, "");
}

/** The id Astro's glob loader gives the file at `relPath` (relative to the article folder, with `/`). */
export function entryId(relPath: string): string {
  return relPath
    .replace(/\.[^./]+$/, "")
    .split("/")
    .map((segment) => githubSlug(segment))
    .join("/")
    .replace(/\/index$/, "");
}

/** One address segment as `entryId` can make it: lower case, no slashes or dots (what `formerSlugs` hold). */
export const ENTRY_ID_SEGMENT_RE = /^[\p{Ll}\p{Lo}\p{N}_-]+$/u;

/** What the importer accepts as a file name: ASCII lower-case words joined by single hyphens. */
export const IMPORT_SLUG_RE = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const MAX_IMPORT_SLUG = 80;

/** An address-friendly ASCII slug: "Kerry's 'peace' talks" → "kerrys-peace-talks". Empty when there is nothing Latin. */
export function importSlug(text: string): string {
  let slug = text
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/['’]/g, "")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
  if (slug.length > MAX_IMPORT_SLUG) {
    slug = slug.slice(0, MAX_IMPORT_SLUG + 1);
    const cut = slug.lastIndexOf("-");
    slug = (cut > 0 ? slug.slice(0, cut) : slug.slice(0, MAX_IMPORT_SLUG)).replace(/-+$/, "");
  }
  return slug;
}

/** A heading's id: accents dropped, any script kept, "section" when nothing is left. */
export function headingSlug(text: string): string {
  const slug = text
    .normalize("NFKD")
    .toLowerCase()
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[^\p{L}\p{N}]+/gu, "-")
    .replace(/^-+|-+$/g, "");
  return slug || "section";
}
