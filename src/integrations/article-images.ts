/**
 * The images beside articles that pages may load, as a virtual module
 * (`virtual:newsroom/article-images`): a map from "/content/articles/x/photo.jpg" to a
 * loader of its image metadata.
 *
 * Only images an article uses are listed. Every image Vite imports during a build is
 * emitted into `_astro/` as its original bytes, and Astro deletes an original only
 * after it has made a converted copy of it: an image no page converts would be
 * published as it is (EXIF and GPS included), and a file that is not an image would
 * stop the build. A glob over the article folder imported them all; this list holds
 * only the images the content check found in use (and decoded without fault).
 */
import type { Plugin } from "vite";

const ARTICLE_IMAGES_MODULE = "virtual:newsroom/article-images";
const RESOLVED = `\0${ARTICLE_IMAGES_MODULE}`;

/** The module's source: one lazy import per image (paths relative to the project root). */
export function articleImagesModule(images: readonly string[]): string {
  const entries = [...new Set(images)].sort().map((path) => {
    const key = JSON.stringify(`/${path}`);
    return `  ${key}: () => import(${key}).then((m) => m.default),`;
  });
  return `export default {\n${entries.join("\n")}\n};\n`;
}

/** `images()` is read when the module is first loaded, after the content check has run. */
export function articleImagesPlugin(images: () => readonly string[]): Plugin {
  return {
    name: "newsroom:article-images",
    resolveId(id) {
      return id === ARTICLE_IMAGES_MODULE ? RESOLVED : undefined;
    },
    load(id) {
      return id === RESOLVED ? articleImagesModule(images()) : undefined;
    },
  };
}
