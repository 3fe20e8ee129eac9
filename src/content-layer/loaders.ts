/**
 * The loaders of our content collections (src/content.config.ts): Astro's glob loader,
 * with each entry's frontmatter read by our strict YAML reader, and, for articles, only
 * each article's metadata kept in Astro's content store.
 */
import { glob, type Loader, type LoaderContext } from "astro/loaders";
import { readFile } from "node:fs/promises";
import { strictFrontmatterData } from "../checks/content/frontmatter.ts";
import { figureImages, renderArticleSource } from "../markdown/article-source.ts";
import type { FigureImageRef } from "../markdown/figures.ts";

type Store = LoaderContext["store"];
type StoredEntry = Parameters<Store["set"]>[0];
type DataEntry<T extends Record<string, unknown>> = NonNullable<ReturnType<Store["get"]>> & { data: T };

interface LoadOptions {
  /** Run on the whole store after every load (and, in `astro dev`, after every change). */
  afterLoad?: ((store: Store) => void) | undefined;
}

/**
 * Astro's glob loader, with each entry's frontmatter read again by our strict YAML
 * reader before the schema sees it: Astro reads YAML with js-yaml, which turns an
 * unquoted `2026-13-45` into a real date in 2027. With this, dates reach the schema as
 * the text the author wrote, in `astro dev` as in a build. (The build also runs the
 * whole content check first: see src/checks/content/ and src/integrations/publish-guard.ts.)
 */
export function strictGlob(options: Parameters<typeof glob>[0], { afterLoad }: LoadOptions = {}): Loader {
  const inner = glob(options);
  return {
    ...inner,
    load: async (context) => {
      await inner.load({ ...context, parseData: strictParseData(context, async () => {}) });
      afterLoad?.(context.store);
    },
  };
}

/** `parseData` over the strict reading of the entry's file; `read` is also handed the file's text and the parsed data. */
function strictParseData(
  context: LoaderContext,
  read: (props: { id: string; filePath: string; source: string; data: Record<string, unknown> }) => Promise<void>,
): LoaderContext["parseData"] {
  return async (props) => {
    if (!props.filePath) return context.parseData(props);
    const source = await readFile(props.filePath, "utf8");
    const data = await context.parseData({
      ...props,
      data: strictFrontmatterData(source, props.filePath) as typeof props.data,
    });
    await read({ id: props.id, filePath: props.filePath, source, data });
    return data;
  };
}

/**
 * The articles' loader: Astro's glob loader (ids, file watching in `astro dev`, digests,
 * the hero image through the schema's `image()`), with the strict frontmatter reader,
 * that keeps in the store only what lists and cache keys need of each article: its
 * frontmatter data, digest and file, and the images its body figures show. No body and
 * no HTML: the content store holds every article at once, in memory and as one JSON
 * file, which is what stops Astro at archive scale; the article page and the feeds read
 * and render a body themselves when they need it (src/views/article-body.ts). Nor does
 * an entry become a module for Vite, as Astro's `deferRender` makes it.
 */
export function articleGlob(options: Parameters<typeof glob>[0], { afterLoad }: LoadOptions = {}): Loader {
  const inner = glob({ ...options, retainBody: false });
  return {
    ...inner,
    load: async (context) => {
      const images = new Map<string, FigureImageRef[]>();
      const findImages = async ({
        id,
        filePath,
        source,
        data,
      }: Parameters<Parameters<typeof strictParseData>[1]>[0]) => {
        const lang = typeof data["lang"] === "string" ? data["lang"] : "en";
        try {
          images.set(id, figureImages(renderArticleSource(source, filePath, lang)));
        } catch (error) {
          // The content check has reported it with file and line (a build stops there);
          // the page will throw it again if it is asked to render.
          context.logger.error((error as Error).message);
          images.delete(id);
        }
      };
      const sets = heldSets(context.store);
      await inner.load({
        ...context,
        // With no renderer for its files, the glob loader stores neither HTML nor a module per entry.
        ...{ entryTypes: unrenderedEntryTypes((context as { entryTypes?: EntryTypes }).entryTypes) },
        parseData: strictParseData(context, findImages),
        store: { ...sets.store, set: (entry) => sets.store.set(metadataEntry(entry, images.get(entry.id))) },
      });
      sets.release();
      afterLoad?.(context.store);
    },
  };
}

/**
 * The store, with the entries set during a load held back until `release()` sets them
 * all at once; after that, a set (a file edited under `astro dev`) goes straight in.
 * Astro writes its whole store to disk half a second after the last set: entries set one
 * by one over a long load, with pauses (a slow disk, garbage collection), have it
 * serialize the growing store again and again, which at 100,000 articles costs more
 * than the load itself.
 */
export function heldSets(store: Store): { store: Store; release: () => void } {
  let held: Map<string, StoredEntry> | undefined = new Map();
  return {
    store: {
      ...store,
      // A held entry is what the store has for its id (the glob loader looks for duplicates).
      get: <T extends Record<string, unknown>>(id: string) =>
        (held?.get(id) as DataEntry<T> | undefined) ?? store.get<T>(id),
      set: (entry) => {
        if (!held) return store.set(entry);
        held.set(entry.id, entry);
        return true;
      },
    },
    release: () => {
      const entries = [...(held?.values() ?? [])];
      held = undefined;
      for (const entry of entries) store.set(entry);
    },
  };
}

/** The content layer's file handlers by extension (not in Astro's public loader context). */
type EntryTypes = Map<string, { getRenderFunction?: unknown }>;

/** The same file types, none of them with a renderer, so an entry is stored unrendered. */
export function unrenderedEntryTypes(entryTypes: EntryTypes | undefined): EntryTypes | undefined {
  if (entryTypes === undefined) return undefined;
  return new Map([...entryTypes].map(([ext, type]) => [ext, { ...type, getRenderFunction: undefined }]));
}

/** The key, in an entry's `rendered.metadata`, of the images its body figures show. */
const FIGURE_IMAGES_KEY = "figureImages";

/**
 * What the store keeps of an article: no body and no HTML, only the images its figures
 * show (none when the body could not be rendered: the page reports that).
 */
export function metadataEntry(entry: StoredEntry, images: FigureImageRef[] | undefined): StoredEntry {
  const kept = { ...entry };
  delete kept.body;
  delete kept.rendered;
  return images === undefined ? kept : { ...kept, rendered: { html: "", metadata: { [FIGURE_IMAGES_KEY]: images } } };
}

/** The images an article's body figures show, as its loader stored them (none for an entry without a body). */
export function storedFigureImages(entry: {
  rendered?: { metadata?: Record<string, unknown> } | undefined;
}): FigureImageRef[] {
  const images = entry.rendered?.metadata?.[FIGURE_IMAGES_KEY];
  return Array.isArray(images) ? (images as FigureImageRef[]) : [];
}
