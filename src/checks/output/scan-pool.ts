/**
 * Worker threads that work out files' facts for the output scan (./site-scan.ts), so that a
 * build whose every page changed (a template change) reads them on every core. The bytes
 * are moved to the worker, not copied. The pool is piscina, as for the social cards
 * (docs/decisions/027-cards-drawn-on-worker-threads.md): a worker that dies fails its
 * batches and is replaced, so no request waits for a thread that is gone.
 */
import { Piscina } from "piscina";
import type { FileFacts, Kind } from "./site-scan.ts";
import type { ScanRequest } from "./scan-worker.ts";

const SCAN_WORKER = new URL("./scan-worker.ts", import.meta.url).href;

export class ScanPool {
  readonly #threads: Piscina<ScanRequest, FileFacts[]>;

  /** `size` threads running `worker` (the scan's own, but for tests). */
  constructor(size: number, worker: string = SCAN_WORKER) {
    this.#threads = new Piscina({ filename: worker, minThreads: size, maxThreads: size });
  }

  /** The facts of each file, in order. */
  async facts(items: { kind: Kind; bytes: Buffer }[]): Promise<FileFacts[]> {
    // A Buffer may be a view into a larger, shared allocation: only a buffer of its own can be moved.
    const owned = items.map(({ kind, bytes }) => ({
      kind,
      bytes: bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength ? bytes : Uint8Array.from(bytes),
    }));
    try {
      return await this.#threads.run(
        { items: owned },
        { transferList: owned.map(({ bytes }) => bytes.buffer as ArrayBuffer) },
      );
    } catch (error) {
      throw new Error(`output scan: ${(error as Error).message}`, { cause: error });
    }
  }

  async close(): Promise<void> {
    await this.#threads.destroy();
  }
}
