/**
 * A worker thread of the output scan (./scan-pool.ts): the facts of the files it is sent,
 * from their bytes (the scan has hashed those very bytes and keys the facts by that hash).
 */
import { parentPort } from "node:worker_threads";
import { factsOfBytes, type FileFacts, type Kind } from "./site-scan.ts";

export interface ScanRequest {
  id: number;
  items: { kind: Kind; bytes: Uint8Array }[];
}

export type ScanReply = { id: number; facts: FileFacts[] } | { id: number; error: string };

parentPort?.on("message", ({ id, items }: ScanRequest) => {
  try {
    const facts = items.map(({ kind, bytes }) =>
      factsOfBytes(kind, Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)),
    );
    parentPort!.postMessage({ id, facts } satisfies ScanReply);
  } catch (error) {
    parentPort!.postMessage({ id, error: (error as Error).stack ?? String(error) } satisfies ScanReply);
  }
});
