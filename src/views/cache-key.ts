/**
 * Keys for Astro's incremental build (experimental.incrementalBuild): a page whose key
 * is unchanged since the last build is reused instead of rendered. A key must cover
 * everything the page shows that is not template code (Astro hashes that itself).
 */
import { createHash } from "node:crypto";

export function cacheKey(...parts: unknown[]): string {
  return createHash("sha256").update(JSON.stringify(parts)).digest("base64url").slice(0, 22);
}

/** What a list shows of an article: any edit to the entry (its digest) changes it. */
export function listKey(articles: readonly { id: string; digest?: string | number }[]): string {
  return cacheKey(articles.map((a) => [a.id, a.digest ?? ""]));
}
