/** The publisher's logo as a PNG (structured data wants a raster logo), drawn from the favicon. */
import type { APIRoute } from "astro";
import sharp from "sharp";
import logoSvg from "../../public/favicon.svg?raw";
import { site } from "../site.config.ts";

export const GET: APIRoute = async () => {
  const png = await sharp(Buffer.from(logoSvg), { density: 1200 })
    .resize(site.logo.size, site.logo.size)
    .png({ compressionLevel: 9 })
    .toBuffer();
  return new Response(new Uint8Array(png), { headers: { "Content-Type": "image/png" } });
};
