import { z } from "astro/zod";
import { describe, expect, it } from "vitest";
import { cmsConfig, shapeOf, type CmsField } from "../../src/cms/config.ts";
import { articleSchema } from "../../src/model/article-schema.ts";
import { authorSchema } from "../../src/model/author-schema.ts";
import { pageSchema } from "../../src/model/page-schema.ts";
import { parsePubDate } from "../../src/model/dates.ts";

/** Every key of a zod shape, nested objects and lists of objects as "a.b", in order. */
function schemaKeys(schema: z.ZodType, prefix = ""): string[] {
  const shape = shapeOf(schema);
  if (!shape) return [];
  return Object.entries(shape).flatMap(([name, field]) => {
    let inner: z.ZodType = field;
    while (inner instanceof z.ZodOptional || inner instanceof z.ZodDefault) inner = inner.def.innerType as z.ZodType;
    const element = inner instanceof z.ZodArray ? (inner.element as z.ZodType) : inner;
    return [prefix + name, ...schemaKeys(element, `${prefix}${name}.`)];
  });
}

function configKeys(fields: readonly CmsField[], prefix = ""): string[] {
  return fields.flatMap((f) => [
    prefix + f.name,
    ...configKeys((f.fields as CmsField[] | undefined) ?? [], `${prefix}${f.name}.`),
  ]);
}

const LOCAL = { name: "local", url: "http://127.0.0.1:8080/api/v1" } as const;
const config = cmsConfig(
  { sections: ["News", "World"], lang: "ar", timeZone: "UTC", url: "https://news.example", base: "/newsroom/" },
  LOCAL,
);
const collections = config.collections as { name: string; fields: CmsField[] }[];
const fieldsOf = (name: string) => collections.find((c) => c.name === name)!.fields;

describe("the CMS configuration", () => {
  it("offers every field of each schema, in the schema's order, and the body", () => {
    expect(configKeys(fieldsOf("articles"))).toEqual([...schemaKeys(articleSchema(z.string())), "body"]);
    expect(configKeys(fieldsOf("authors"))).toEqual([...schemaKeys(authorSchema(z.string())), "body"]);
    expect(configKeys(fieldsOf("pages"))).toEqual([...schemaKeys(pageSchema), "body"]);
  });

  it("refuses a schema field it has no words for", async () => {
    const { cmsConfigFor } = await import("../../src/cms/config.ts");
    const extended = articleSchema(z.string()).extend({ kicker: z.string() });
    expect(() => cmsConfigFor(extended, {})).toThrow(/kicker: the CMS has no label and hint/);
  });

  it("marks required fields, gives every field a hint, and takes sections and language from the settings", () => {
    const article = fieldsOf("articles");
    const byName = new Map(article.map((f) => [f.name, f]));
    expect(byName.get("headline")).toMatchObject({ required: true, widget: "string" });
    expect(byName.get("tags")).toMatchObject({ required: false, widget: "list" });
    expect(byName.get("section")).toMatchObject({ widget: "select", options: ["News", "World"] });
    expect(byName.get("lang")).toMatchObject({ default: "ar" });
    expect(byName.get("type")!.options).toContain("opinion");
    for (const field of article.filter((f) => f.name !== "body")) expect(field.hint).toBeTruthy();
  });

  it("stores dates as text the schema reads, picked in UTC on a site in UTC", () => {
    const published = fieldsOf("articles").find((f) => f.name === "published")!;
    expect(published).toMatchObject({ widget: "datetime", picker_utc: true, format: "YYYY-MM-DDTHH:mm:ss[+00:00]" });
    // What that format writes for 09:15 typed into the picker, whatever the browser's zone.
    expect(parsePubDate("2026-11-30T09:15:00+00:00").iso).toBe("2026-11-30T09:15:00+00:00");
    const elsewhere = cmsConfig(
      { sections: [], lang: "en", timeZone: "Europe/Paris", url: "https://news.example", base: "/" },
      LOCAL,
    );
    const fields = (elsewhere.collections as { fields: CmsField[] }[])[0]!.fields;
    // Decap picks only in UTC or the browser's zone: the editor's own offset, the same instant.
    expect(fields.find((f) => f.name === "published")).toMatchObject({
      picker_utc: false,
      format: "YYYY-MM-DDTHH:mm:ssZ",
    });
  });

  it("starts a new article with no update and requires nothing inside an optional object", () => {
    const byName = new Map(fieldsOf("articles").map((f) => [f.name, f]));
    const items = byName.get("updates")!.fields as CmsField[];
    expect(items.filter((f) => "default" in f)).toEqual([]);
    for (const name of ["withdrawn", "source", "hero"])
      for (const field of byName.get(name)!.fields as CmsField[])
        expect(field.required, `${name}.${field.name}`).toBe(false);
    expect(items.find((f) => f.name === "date")!.required).toBe(true);
  });

  it("points the local backend at the address it is given", () => {
    expect(config.local_backend).toEqual({ url: LOCAL.url });
  });

  it("keeps photos beside the article, never in public/", () => {
    const articles = collections.find((c) => c.name === "articles") as unknown as Record<string, unknown>;
    expect(articles).toMatchObject({ path: "{{slug}}/index", media_folder: "", public_folder: "" });
    expect(JSON.stringify(config)).not.toContain("public/");
    expect(config.media_folder).toBe("content/media");
  });

  it("links to the live site under its base path", () => {
    expect(config).toMatchObject({
      site_url: "https://news.example/newsroom/",
      display_url: "https://news.example/newsroom/",
    });
  });
});
