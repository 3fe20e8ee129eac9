import fs from "node:fs";
import { appendFile, copyFile, link, mkdir, mkdtemp, open, readFile, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { guardHardLinks, writeKindOfFlags } from "../../src/build/link-guard.ts";

let dir: string;
let published: string;
let building: string;
let unguard: () => void;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), "link-guard-"));
  published = join(dir, "published.html");
  building = join(dir, "building.html");
  await writeFile(published, "published page");
  await link(published, building);
  unguard = guardHardLinks();
});
afterEach(async () => {
  unguard();
  await rm(dir, { recursive: true, force: true });
});

/** The published file kept its bytes and its inode; the building one is a file of its own. */
async function expectPublishedUntouched(): Promise<void> {
  expect(await readFile(published, "utf8")).toBe("published page");
  expect((await stat(published)).nlink).toBe(1);
  expect((await stat(building)).ino).not.toBe((await stat(published)).ino);
}

describe("writing into a hard-linked file under the guard", () => {
  it("writeFile (promise, callback and sync) writes a new file and leaves the other link as it was", async () => {
    await writeFile(building, "new page");
    await expectPublishedUntouched();
    expect(await readFile(building, "utf8")).toBe("new page");

    await link(published, join(dir, "b.html"));
    await new Promise<void>((done, fail) =>
      fs.writeFile(join(dir, "b.html"), "b", (error) => (error ? fail(error) : done())),
    );
    await link(published, join(dir, "c.html"));
    fs.writeFileSync(join(dir, "c.html"), "c");
    expect(await readFile(published, "utf8")).toBe("published page");
    expect(await readFile(join(dir, "b.html"), "utf8")).toBe("b");
    expect(await readFile(join(dir, "c.html"), "utf8")).toBe("c");
  });

  it("a URL path is guarded too", async () => {
    await writeFile(new URL(`file://${building}`), "new page");
    await expectPublishedUntouched();
  });

  it("copyFile onto the linked file replaces it", async () => {
    await writeFile(join(dir, "source"), "copied");
    await copyFile(join(dir, "source"), building);
    await expectPublishedUntouched();
    fs.copyFileSync(join(dir, "source"), published); // one link left: written as usual
    expect(await readFile(published, "utf8")).toBe("copied");
  });

  it("appending keeps what the file held, in a file of its own", async () => {
    await appendFile(building, " and more");
    await expectPublishedUntouched();
    expect(await readFile(building, "utf8")).toBe("published page and more");
  });

  it("a write stream and open() for writing replace the file; open() for reading leaves the link", async () => {
    const handle = await open(building, "r");
    await handle.close();
    expect((await stat(published)).nlink).toBe(2);
    await new Promise<void>((done, fail) => fs.createWriteStream(building).on("error", fail).end("streamed", done));
    await expectPublishedUntouched();
    expect(await readFile(building, "utf8")).toBe("streamed");
  });

  it("once taken off, writes go into the shared file again", async () => {
    unguard();
    unguard = () => undefined;
    await writeFile(building, "in place");
    expect(await readFile(published, "utf8")).toBe("in place");
  });
});

describe("copies from a cache folder, linked instead", () => {
  let cache: string;
  beforeEach(async () => {
    unguard();
    cache = join(dir, "cache");
    await mkdir(cache);
    await writeFile(join(cache, "photo.avif"), "optimized photo");
    unguard = guardHardLinks({ linkCopiesFrom: cache });
  });

  it("copyFile from the folder links the file, over whatever was at the destination", async () => {
    await writeFile(join(dir, "photo.avif"), "an older photo");
    await copyFile(join(cache, "photo.avif"), join(dir, "photo.avif"), fs.constants.COPYFILE_FICLONE);
    expect((await stat(join(dir, "photo.avif"))).ino).toBe((await stat(join(cache, "photo.avif"))).ino);
    expect(await readFile(join(dir, "photo.avif"), "utf8")).toBe("optimized photo");
  });

  it("a later write to the cache's file replaces it, and leaves the linked output as it was", async () => {
    await copyFile(join(cache, "photo.avif"), join(dir, "photo.avif"));
    await writeFile(join(cache, "photo.avif"), "optimized again");
    expect(await readFile(join(dir, "photo.avif"), "utf8")).toBe("optimized photo");
  });

  it("copies from anywhere else, and from a folder that only starts with the same name, stay copies", async () => {
    await mkdir(`${cache}-other`);
    await writeFile(join(`${cache}-other`, "page.html"), "a page");
    await copyFile(join(`${cache}-other`, "page.html"), join(dir, "page.html"));
    expect((await stat(join(dir, "page.html"))).nlink).toBe(1);
    await copyFile(published, join(dir, "copy.html"));
    expect((await stat(join(dir, "copy.html"))).ino).not.toBe((await stat(published)).ino);
  });
});

describe("what an open() flag does to an existing file", () => {
  it("reading, replacing, keeping", () => {
    expect(writeKindOfFlags(undefined)).toBeUndefined();
    expect(writeKindOfFlags("r")).toBeUndefined();
    expect(writeKindOfFlags("w")).toBe("replaces");
    expect(writeKindOfFlags("wx")).toBe("replaces");
    expect(writeKindOfFlags("a")).toBe("keeps");
    expect(writeKindOfFlags("r+")).toBe("keeps");
    const { O_RDONLY, O_WRONLY, O_CREAT, O_TRUNC, O_RDWR } = fs.constants;
    expect(writeKindOfFlags(O_RDONLY)).toBeUndefined();
    expect(writeKindOfFlags(O_WRONLY | O_CREAT | O_TRUNC)).toBe("replaces");
    expect(writeKindOfFlags(O_RDWR)).toBe("keeps");
  });
});
