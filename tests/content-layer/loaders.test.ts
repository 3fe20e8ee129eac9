import { describe, expect, it } from "vitest";
import type { LoaderContext } from "astro/loaders";
import { heldSets, metadataEntry, storedFigureImages, unrenderedEntryTypes } from "../../src/content-layer/loaders.ts";

const entry = {
  id: "a",
  data: { headline: "A" },
  body: "The whole body.",
  filePath: "content/articles/a.md",
  digest: "d1",
  rendered: { html: "<p>The whole body.</p>", metadata: { headings: [] } },
};

describe("what the store keeps of an article", () => {
  it("keeps its data, file and digest, and neither its body nor its HTML", () => {
    const kept = metadataEntry(entry, []);
    expect(kept).toMatchObject({ id: "a", data: { headline: "A" }, filePath: "content/articles/a.md", digest: "d1" });
    expect(kept.body).toBeUndefined();
    expect(kept.rendered?.html).toBe("");
    expect(JSON.stringify(kept)).not.toContain("The whole body");
  });

  it("keeps the images its figures show, for the page's cache key", () => {
    const images = [{ src: "./smoke.jpg", alt: "Smoke" }];
    expect(storedFigureImages(metadataEntry(entry, images))).toEqual(images);
  });

  it("has no figure images when its body could not be rendered, or it has no body", () => {
    const kept = metadataEntry(entry, undefined);
    expect(kept.rendered).toBeUndefined();
    expect(storedFigureImages(kept)).toEqual([]);
    expect(storedFigureImages({})).toEqual([]);
  });
});

describe("the file types the article loader hands Astro's glob loader", () => {
  it("are the same types, with nothing to render them", () => {
    const read = () => ({ data: {}, body: "" });
    const types = new Map([
      [".md", { getEntryInfo: read, getRenderFunction: () => undefined, handlePropagation: true }],
    ]);
    const unrendered = unrenderedEntryTypes(types)!;
    expect([...unrendered.keys()]).toEqual([".md"]);
    expect(unrendered.get(".md")).toMatchObject({ getEntryInfo: read, handlePropagation: true });
    expect(unrendered.get(".md")!.getRenderFunction).toBeUndefined();
    expect(types.get(".md")!.getRenderFunction).toBeDefined();
  });

  it("are left to Astro when its loader context has none", () => {
    expect(unrenderedEntryTypes(undefined)).toBeUndefined();
  });
});

/** A store that records each set, as Astro's does (each set schedules a write of the whole store). */
function recordingStore() {
  const entries = new Map<string, { id: string; data: Record<string, unknown> }>();
  const sets: string[] = [];
  const store = {
    get: (id: string) => entries.get(id),
    set: (entry: { id: string; data: Record<string, unknown> }) => {
      sets.push(entry.id);
      entries.set(entry.id, entry);
      return true;
    },
  } as unknown as LoaderContext["store"];
  return { store, sets };
}

describe("the entries a load sets", () => {
  it("reach the store together when the load is over, each id once, as last set", () => {
    const { store, sets } = recordingStore();
    const held = heldSets(store);
    held.store.set({ id: "a", data: { n: 1 } });
    held.store.set({ id: "b", data: { n: 1 } });
    held.store.set({ id: "a", data: { n: 2 } });
    expect(sets).toEqual([]);
    expect(held.store.get("a")?.data).toEqual({ n: 2 });
    held.release();
    expect(sets).toEqual(["a", "b"]);
    expect(store.get("a")?.data).toEqual({ n: 2 });
  });

  it("go straight in after it (a file edited under astro dev)", () => {
    const { store, sets } = recordingStore();
    const held = heldSets(store);
    held.release();
    held.store.set({ id: "c", data: {} });
    expect(sets).toEqual(["c"]);
  });
});
