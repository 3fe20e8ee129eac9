/**
 * The Decap CMS configuration (decision 017), made from the schemas and the settings so
 * that a field added to a schema cannot be forgotten here: the walk below follows each
 * zod shape in its order and stops with an error on a field it has no words for, and a
 * unit test compares the keys both ways.
 */
import { z } from "astro/zod";
import { articleSchema, ARTICLES_DIR } from "../model/article-schema.ts";
import { authorSchema, AUTHORS_DIR } from "../model/author-schema.ts";
import { pageSchema, PAGES_DIR } from "../model/page-schema.ts";
import { absoluteUrl, joinBase } from "../model/urls.ts";

/** A Decap field, as its configuration takes it. */
export interface CmsField {
  name: string;
  label: string;
  widget: string;
  hint?: string;
  required?: boolean;
  [option: string]: unknown;
}

/** What the walk cannot read from zod: the label and help text, and the widget for a few. */
interface FieldWords {
  label: string;
  hint: string;
  /** A widget other than the one the zod type implies. */
  widget?: "datetime" | "image" | "relation" | "text" | "hidden";
}

/** Zone names whose offset is always zero. */
const UTC_ZONES = new Set(["UTC", "Etc/UTC", "Etc/GMT", "GMT", "Etc/Zulu", "Zulu"]);

/**
 * The datetime widget's options: what the editor types is stored as the string its
 * `format` (dayjs) produces, which `parsePubDate` reads. On a site in UTC the picker is
 * in UTC (`picker_utc`, labelled so) and the offset is written as the literal `+00:00`, so
 * the editor's own time zone never leaks in; Decap's YAML reader would also turn a plain
 * `…Z` time into a Date and write it back as `….000Z`. Decap cannot pick in any other
 * named zone, so elsewhere the time is the editor's own, written with its offset
 * (`+01:00`): the same instant either way.
 */
function dateWidget(timeZone: string): Record<string, unknown> {
  const utc = UTC_ZONES.has(timeZone);
  return {
    widget: "datetime",
    format: utc ? "YYYY-MM-DDTHH:mm:ss[+00:00]" : "YYYY-MM-DDTHH:mm:ssZ",
    date_format: "YYYY-MM-DD",
    time_format: "HH:mm",
    picker_utc: utc,
  };
}

const ARTICLE_WORDS: Record<string, FieldWords> = {
  headline: { label: "Headline", hint: "The title, as readers see it on the page and in lists." },
  standfirst: {
    label: "Standfirst",
    widget: "text",
    hint: "One or two sentences under the headline: what happened and why it matters.",
  },
  published: {
    label: "Published",
    hint: "Date and time of publication. A time in the future is an embargo: the article appears at that moment.",
    widget: "datetime",
  },
  draft: { label: "Draft", hint: "A draft is never published (shown only in the editors' preview)." },
  updates: {
    label: "Updates and corrections",
    hint: "Each with its date; a correction is also listed on the corrections page.",
  },
  "updates.date": { label: "Date", hint: "When the change was made.", widget: "datetime" },
  "updates.note": { label: "Note", hint: "What changed, in a sentence readers see." },
  "updates.kind": {
    label: "Kind",
    hint: "A correction fixes an error; a clarification adds context; an update adds news.",
  },
  withdrawn: {
    label: "Withdrawn",
    hint: "Only to take a published article down: its address keeps a notice with this date and reason.",
  },
  "withdrawn.date": { label: "Date", hint: "When it was withdrawn.", widget: "datetime" },
  "withdrawn.reason": { label: "Reason", hint: "Why, in a sentence readers see." },
  section: { label: "Section", hint: "Where the article is filed." },
  tags: { label: "Tags", hint: "Topics, each with its own page." },
  lang: { label: "Language", hint: 'The language of the article\'s text, as a tag such as "en", "ar" or "pt-BR".' },
  source: { label: "Source", hint: "For wire and syndicated copy: who published it first, and where." },
  "source.publisher": { label: "Publisher", hint: "The organisation that published it first." },
  "source.url": { label: "Address", hint: "The original's web address (https://…)." },
  type: { label: "Type", hint: "What kind of piece this is: shown as a label near the headline." },
  authors: { label: "Authors", hint: "The writers with an author page.", widget: "relation" },
  byline: {
    label: "Byline",
    hint: "A writer without an author page (a guest, an agency reporter). Leave empty when authors are chosen.",
  },
  featured: { label: "Featured", hint: "Featured stories lead the front page, newest first." },
  hero: { label: "Hero figure", hint: "The lead photo above the body, with its caption and credit." },
  "hero.caption": { label: "Caption", hint: "What the photo shows." },
  "hero.credit": { label: "Credit", hint: "Who took it, or the agency." },
  "hero.image": { label: "Photo", hint: "Stored beside the article.", widget: "image" },
  "hero.alt": {
    label: "Alt text",
    hint: "What the photo shows, for readers who cannot see it (required with a photo).",
  },
  "hero.creator": { label: "Creator", hint: "The photographer, for the photo's metadata." },
  "hero.copyright": { label: "Copyright", hint: 'The copyright notice, e.g. "© 2026 Agency".' },
  "hero.license": { label: "Licence address", hint: "Where the licence terms are (https://…)." },
  "hero.acquireLicensePage": { label: "Licensing page", hint: "Where to license the photo (https://…)." },
  figures: { label: "Rights of body figures", hint: "Kept as written in the file (edit in Git).", widget: "hidden" },
  formerSlugs: { label: "Former addresses", hint: "Old address segments of a renamed article: each redirects here." },
};

const AUTHOR_WORDS: Record<string, FieldWords> = {
  name: { label: "Name", hint: "As printed in bylines." },
  role: { label: "Role", hint: 'What they do here, e.g. "Diplomatic correspondent".' },
  photo: { label: "Photo", hint: "A head-and-shoulders photo beside the bio." },
  "photo.image": { label: "Photo", hint: "Stored beside the author's file.", widget: "image" },
  "photo.alt": { label: "Alt text", hint: "What the photo shows." },
  links: { label: "Links", hint: "Their own site, a social profile." },
  "links.label": { label: "Label", hint: "The link's words." },
  "links.url": { label: "Address", hint: "https://…" },
};

const PAGE_WORDS: Record<string, FieldWords> = {
  title: { label: "Title", hint: "The page's heading." },
  description: { label: "Description", hint: "One sentence: the page's summary for search engines." },
  order: { label: "Order", hint: "Where it sits in the footer's list, smallest first." },
};

/** A zod type without its optional/default wrappers and transforms, and whether it must be given. */
function unwrap(schema: z.ZodType): { inner: z.ZodType; required: boolean } {
  let inner = schema;
  let required = true;
  for (;;) {
    if (inner instanceof z.ZodOptional || inner instanceof z.ZodDefault) {
      required = false;
      inner = inner.def.innerType as z.ZodType;
    } else if (inner instanceof z.ZodPipe) {
      inner = inner.def.in as z.ZodType;
    } else return { inner, required };
  }
}

/** The object shape of a schema (through refinements, which zod keeps on the object). */
export function shapeOf(schema: z.ZodType): Record<string, z.ZodType> | undefined {
  const { inner } = unwrap(schema);
  return inner instanceof z.ZodObject ? inner.shape : undefined;
}

interface Settings {
  sections: readonly string[];
  lang: string;
  /** The site's time zone (IANA name), which dates are entered in when it is UTC. */
  timeZone: string;
}

function fieldsOf(
  shape: Record<string, z.ZodType>,
  words: Record<string, FieldWords>,
  settings: Settings,
  prefix = "",
  inListItem = false,
  inOptionalObject = false,
): CmsField[] {
  return Object.entries(shape).map(([name, schema]) => {
    const path = prefix + name;
    const word = words[path];
    if (!word) throw new Error(`src/cms/config.ts: ${path}: the CMS has no label and hint for this schema field`);
    const { inner, required } = unwrap(schema);
    // Decap checks the fields of an optional object even when it is left empty, so none of
    // them is required there; the content check still wants them when the object is given.
    const field: CmsField = {
      name,
      label: word.label,
      widget: "string",
      hint: word.hint,
      required: required && !inOptionalObject,
    };
    const nested = shapeOf(inner);
    if (word.widget === "datetime") Object.assign(field, dateWidget(settings.timeZone));
    else if (word.widget === "image") Object.assign(field, { widget: "image", choose_url: false });
    else if (word.widget === "hidden" || word.widget === "text") field.widget = word.widget;
    else if (word.widget === "relation")
      Object.assign(field, {
        widget: "relation",
        collection: "authors",
        search_fields: ["name"],
        value_field: "{{slug}}",
        display_fields: ["name"],
        multiple: true,
      });
    else if (name === "section") Object.assign(field, { widget: "select", options: [...settings.sections] });
    else if (name === "lang") Object.assign(field, { default: settings.lang });
    else if (nested)
      Object.assign(field, {
        widget: "object",
        collapsed: !required,
        fields: fieldsOf(nested, words, settings, `${path}.`, inListItem, inOptionalObject || !required),
      });
    else if (inner instanceof z.ZodArray) {
      const item = shapeOf(inner.element as z.ZodType);
      Object.assign(field, {
        widget: "list",
        ...(item ? { fields: fieldsOf(item, words, settings, `${path}.`, true) } : {}),
      });
    } else if (inner instanceof z.ZodEnum) Object.assign(field, { widget: "select", options: inner.options });
    else if (inner instanceof z.ZodBoolean) Object.assign(field, { widget: "boolean" });
    else if (inner instanceof z.ZodNumber) Object.assign(field, { widget: "number", value_type: "int" });
    // No defaults inside list items: Decap would start every new entry with one item made of
    // them (an update with a kind and no date); the schema fills them in when left out.
    if (
      schema instanceof z.ZodDefault &&
      !inListItem &&
      field.widget !== "list" &&
      field.widget !== "hidden" &&
      !("default" in field)
    )
      field.default = schema.def.defaultValue;
    return field;
  });
}

const BODY: CmsField = {
  name: "body",
  label: "Text",
  widget: "markdown",
  hint: "Figures: use the Figure button (photo, caption, credit).",
  buttons: ["bold", "italic", "link", "heading-two", "heading-three", "quote", "bulleted-list", "numbered-list"],
  editor_components: ["figure"],
  modes: ["rich_text", "raw"],
};

/** Where the CMS saves: the Git host in production, the local checkout for `npm run cms`. */
export type CmsBackend =
  | { name: "github"; repo: string; branch: string; base_url?: string; auth_endpoint?: string }
  /** decap-server, reached at `url` (`npm run cms` passes it on from the editor's own origin). */
  | { name: "local"; url: string };

/** The article fields as the CMS shows them, from a schema (a parameter, so a test can extend it). */
export function cmsConfigFor(schema: z.ZodType, settings: Partial<Settings>): CmsField[] {
  return fieldsOf(shapeOf(schema)!, ARTICLE_WORDS, { sections: [], lang: "en", timeZone: "UTC", ...settings });
}

/** The whole Decap configuration for the site (its address, under its base path, for "view live" links). */
export function cmsConfig(
  settings: Settings & { url: string; base: string },
  backend: CmsBackend,
): Record<string, unknown> {
  const siteUrl = absoluteUrl(settings.url, joinBase(settings.base, "/"));
  const article = shapeOf(articleSchema(z.string()))!;
  const author = shapeOf(authorSchema(z.string()))!;
  const page = shapeOf(pageSchema)!;
  return {
    ...(backend.name === "local"
      ? { backend: { name: "git-gateway" }, local_backend: { url: backend.url } }
      : { backend }),
    site_url: siteUrl,
    display_url: siteUrl,
    // The Media tab's own folder (decap-server refuses an empty one); each collection
    // below keeps its photos beside the entry. Never public/.
    media_folder: "content/media",
    publish_mode: "simple",
    collections: [
      {
        name: "articles",
        label: "Articles",
        label_singular: "Article",
        folder: ARTICLES_DIR,
        create: true,
        path: "{{slug}}/index",
        slug: "{{fields.headline}}",
        identifier_field: "headline",
        media_folder: "",
        public_folder: "",
        summary: "{{headline}} — {{section}} — {{published}}",
        sortable_fields: ["published", "headline", "section"],
        view_filters: [
          ...settings.sections.map((section) => ({
            label: section,
            field: "section",
            pattern: `^${section.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}$`,
          })),
          { label: "Drafts", field: "draft", pattern: true },
        ],
        view_groups: [{ label: "Section", field: "section" }],
        fields: [...fieldsOf(article, ARTICLE_WORDS, settings), BODY],
      },
      {
        name: "authors",
        label: "Authors",
        label_singular: "Author",
        folder: AUTHORS_DIR,
        create: true,
        slug: "{{fields.name}}",
        identifier_field: "name",
        media_folder: "",
        public_folder: "",
        fields: [...fieldsOf(author, AUTHOR_WORDS, settings), { name: "body", label: "Bio", widget: "markdown" }],
      },
      {
        name: "pages",
        label: "Standing pages",
        label_singular: "Page",
        folder: PAGES_DIR,
        create: true,
        slug: "{{fields.title}}",
        identifier_field: "title",
        fields: [...fieldsOf(page, PAGE_WORDS, settings), { name: "body", label: "Text", widget: "markdown" }],
      },
    ],
  };
}
