/** The virtual module of src/integrations/article-images.ts. */
declare module "virtual:newsroom/article-images" {
  import type { ImageMetadata } from "astro";
  const images: Record<string, () => Promise<ImageMetadata>>;
  export default images;
}
