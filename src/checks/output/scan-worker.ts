/**
 * A worker thread of the output scan (./scan-pool.ts): the facts of the files it is sent,
 * from their bytes (the scan has hashed those very bytes and keys the facts by that hash).
 */
import { factsOfBytes, type FileFacts, type Kind } from "./site-scan.ts";

export interface ScanRequest {
  items: { kind: Kind; bytes: Uint8Array }[];
}

export default function scanFiles({ items }: ScanRequest): FileFacts[] {
  return items.map(({ kind, bytes }) =>
    factsOfBytes(kind, Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)),
  );
}
