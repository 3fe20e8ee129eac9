import { describe, expect, it } from "vitest";
import { metadataEntry, storedFigureImages, unrenderedEntryTypes } from "../../src/content-layer/loaders.ts";

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
