/**
 * Worker threads that work out files' facts for the output scan (./site-scan.ts), so that a
 * build whose every page changed (a template change) reads them on every core. The bytes
 * are moved to the worker, not copied.
 */
import { Worker } from "node:worker_threads";
import type { FileFacts, Kind } from "./site-scan.ts";
import type { ScanReply, ScanRequest } from "./scan-worker.ts";

export class ScanPool {
  readonly #workers: Worker[];
  readonly #pending = new Map<number, { done: (facts: FileFacts[]) => void; fail: (error: Error) => void }>();
  #next = 0;

  constructor(size: number) {
    this.#workers = Array.from({ length: size }, () => {
      const worker = new Worker(new URL("./scan-worker.ts", import.meta.url));
      worker.on("message", (reply: ScanReply) => {
        const waiting = this.#pending.get(reply.id);
        this.#pending.delete(reply.id);
        if ("error" in reply) waiting?.fail(new Error(`output scan: ${reply.error}`));
        else waiting?.done(reply.facts);
      });
      // A worker that cannot start or dies fails everything still waiting.
      worker.on("error", (error) => this.#failAll(error));
      return worker;
    });
  }

  #failAll(error: Error): void {
    for (const waiting of this.#pending.values()) waiting.fail(error);
    this.#pending.clear();
  }

  /** The facts of each file, in order; the workers take turns. */
  facts(items: { kind: Kind; bytes: Buffer }[]): Promise<FileFacts[]> {
    const id = this.#next++;
    const worker = this.#workers[id % this.#workers.length]!;
    // A Buffer may be a view into a larger, shared allocation: only a buffer of its own can be moved.
    const owned = items.map(({ kind, bytes }) => ({
      kind,
      bytes: bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength ? bytes : Uint8Array.from(bytes),
    }));
    return new Promise((done, fail) => {
      this.#pending.set(id, { done, fail });
      worker.postMessage(
        { id, items: owned } satisfies ScanRequest,
        owned.map(({ bytes }) => bytes.buffer as ArrayBuffer),
      );
    });
  }

  async close(): Promise<void> {
    await Promise.all(this.#workers.map((worker) => worker.terminate()));
  }
}
