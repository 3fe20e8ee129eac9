/**
 * The social cards of a build, as its pages serve them: cached by what they show
 * (src/build/cache.ts), so an unchanged article is not drawn again on the next build, and
 * otherwise drawn on worker threads (./card-worker.ts, drawing in ./card-drawing.ts), so
 * that every core draws cards while the page thread renders other pages.
 */
import { createHash } from "node:crypto";
import { availableParallelism } from "node:os";
import { join } from "node:path";
import { Piscina } from "piscina";
import { CACHES, FileCache, type CacheStore } from "../build/cache.ts";
import type { CardContent } from "./card-drawing.ts";

/** How long a drawing thread waits for another card before it ends. */
const DRAWER_IDLE_MS = 2000;

/** The cache file of the card with key `key`. */
function cardFileName(key: string): string {
  return `${key}.png`;
}

export class SocialCards {
  readonly #drawn: FileCache;
  /** The worker's source file: Vite bundles the page's own module elsewhere, but the worker runs from its source. */
  readonly #worker: string;
  #pool: Piscina<CardContent, Uint8Array> | undefined;
  /**
   * Cards being drawn, by key, until their page takes them. A drawing ends with the card in
   * the cache (the page reads it there), or with its bytes when the cache could not be
   * written; so cards drawn ahead of their pages are not all held in memory.
   */
  readonly #drawing = new Map<string, Promise<Buffer | undefined>>();

  /** Cards kept in `caches` (their version from the sources under its root, where the worker is too). */
  constructor(caches: CacheStore) {
    this.#drawn = new FileCache(caches, CACHES.socialCards);
    this.#worker = join(caches.root, "src/views/card-worker.ts");
  }

  /** Key of a card: everything it shows, plus the version of the code that draws it (a design change redraws all). */
  key(card: CardContent): string {
    return createHash("sha256").update(JSON.stringify(card)).update(this.#drawn.version).digest("hex").slice(0, 32);
  }

  /**
   * The cards of this build, known before any page renders: every other drawn card is
   * dropped from the cache. With `drawAhead`, those not in it are drawn from now on, in this
   * order, while the page thread renders the pages that come before them; without, each is
   * drawn when its page asks for it.
   */
  async keepOnly(cards: readonly { card: CardContent; key: string }[], { drawAhead }: { drawAhead: boolean }) {
    const present = await this.#drawn.prune(cards.map(({ key }) => cardFileName(key)));
    if (!drawAhead) return;
    for (const { card, key } of cards) if (!present.has(cardFileName(key))) this.#startDrawing(card, key);
  }

  /** The card's PNG bytes: drawn for this build, or from the cache when this exact card was drawn before. */
  async png(card: CardContent): Promise<Buffer> {
    const key = this.key(card);
    const file = cardFileName(key);
    if (!this.#drawing.has(key)) {
      const cached = this.#drawn.get(file);
      if (cached) return cached;
      // A card not drawn ahead: drawn now.
      this.#startDrawing(card, key);
    }
    const pending = this.#drawing.get(key);
    this.#drawing.delete(key);
    const bytes = (await pending) ?? this.#drawn.get(file);
    if (!bytes) throw new Error(`social card ${file}: drawn, then gone from the cache before its page read it`);
    return bytes;
  }

  #startDrawing(card: CardContent, key: string): void {
    if (this.#drawing.has(key)) return; // two articles with the same card share one drawing
    const pending = this.#drawers()
      .run(card)
      .then(async (bytes) => {
        const png = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
        return (await this.#drawn.set(cardFileName(key), png)) ? undefined : png;
      });
    // A card that cannot be drawn fails its page, which awaits this; until then it is no unhandled rejection.
    pending.catch(() => undefined);
    this.#drawing.set(key, pending);
  }

  /**
   * The threads that draw, started with the first card that is not in the cache (a build
   * whose cards are all cached starts none). Up to one per core; each lays out one card
   * while resvg rasterizes its previous one. A thread left idle ends, so that once the
   * cards are drawn their threads' memory is free for the photos that Astro makes next.
   */
  #drawers(): Piscina<CardContent, Uint8Array> {
    return (this.#pool ??= new Piscina({
      filename: this.#worker,
      minThreads: 0,
      maxThreads: availableParallelism(),
      concurrentTasksPerWorker: 2,
      idleTimeout: DRAWER_IDLE_MS,
    }));
  }
}
