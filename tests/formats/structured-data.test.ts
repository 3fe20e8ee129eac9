import { describe, expect, it } from "vitest";
import { jsonForScript, newsArticleJsonLd, type ArticleFacts } from "../../src/formats/structured-data.ts";

const publisher = {
  name: "Desk",
  url: "https://example.org/",
  logo: { url: "https://example.org/logo.png", width: 512, height: 512 },
};
const article: ArticleFacts = {
  url: "https://example.org/articles/a/",
  headline: "Headline",
  description: "Standfirst",
  published: { precision: "day", iso: "2016-02-10" },
  lang: "en",
  section: "News",
  tags: ["Syria", "Russia"],
  wordCount: 496,
  minutes: 3,
  type: "news",
  authors: [],
  images: [{ url: "https://example.org/cards/a.png", width: 1200, height: 630 }],
};

describe("newsArticleJsonLd", () => {
  it("lists corrections as schema.org CorrectionComments with their dates and text", () => {
    const data = newsArticleJsonLd(
      {
        ...article,
        corrections: [
          { date: { precision: "day", iso: "2016-02-11" }, note: "The minister's name was misspelled." },
          { date: { precision: "time", iso: "2016-02-12T08:00:00Z" }, note: "The toll was 12, not 21." },
        ],
      },
      publisher,
    );
    expect(data.correction).toEqual([
      { "@type": "CorrectionComment", text: "The minister's name was misspelled.", datePublished: "2016-02-11" },
      { "@type": "CorrectionComment", text: "The toll was 12, not 21.", datePublished: "2016-02-12T08:00:00Z" },
    ]);
    expect(newsArticleJsonLd(article, publisher)).not.toHaveProperty("correction");
  });

  it("credits the organization as author when there is no byline", () => {
    const data = newsArticleJsonLd(article, publisher);
    expect(data["@type"]).toBe("ReportageNewsArticle");
    expect(data.author).toEqual(data.publisher);
    expect((data.publisher as { "@type": string })["@type"]).toBe("NewsMediaOrganization");
    expect(data.dateModified).toBe("2016-02-10");
    expect(data.timeRequired).toBe("PT3M");
    expect(data.isAccessibleForFree).toBe(true);
    expect(data).not.toHaveProperty("isBasedOn");
  });

  it("names a bylined writer, the original publisher, and captioned, credited photos", () => {
    const data = newsArticleJsonLd(
      {
        ...article,
        byline: "Jane Doe",
        modified: { precision: "time", iso: "2016-02-11T09:00:00Z" },
        source: { publisher: "The New Arab", url: "https://www.newarab.com/news/x" },
        images: [
          ...article.images,
          { url: "https://example.org/p.jpg", width: 960, height: 720, caption: "A street", credit: "Getty" },
        ],
      },
      publisher,
    );
    expect(data.author).toEqual([{ "@type": "Person", name: "Jane Doe" }]);
    expect(data.dateModified).toBe("2016-02-11T09:00:00Z");
    expect(data.isBasedOn).toBe("https://www.newarab.com/news/x");
    expect(data.sourceOrganization).toEqual({ "@type": "NewsMediaOrganization", name: "The New Arab" });
    expect((data.image as object[])[1]).toMatchObject({
      "@type": "ImageObject",
      caption: "A street",
      creditText: "Getty",
    });
  });
});

describe("authors, kinds of piece and the publisher's standards", () => {
  it("names every author as a Person with the address of their page, in order", () => {
    const data = newsArticleJsonLd(
      {
        ...article,
        authors: [
          { name: "Amal Haddad", url: "https://example.org/authors/amal-haddad/" },
          { name: "Tom Reyes", url: "https://example.org/authors/tom-reyes/" },
        ],
      },
      publisher,
    );
    expect(data.author).toEqual([
      { "@type": "Person", name: "Amal Haddad", url: "https://example.org/authors/amal-haddad/" },
      { "@type": "Person", name: "Tom Reyes", url: "https://example.org/authors/tom-reyes/" },
    ]);
  });

  it.each([
    ["news", "ReportageNewsArticle"],
    ["analysis", "AnalysisNewsArticle"],
    ["opinion", "OpinionNewsArticle"],
    ["explainer", "BackgroundNewsArticle"],
    ["review", "ReviewNewsArticle"],
    ["feature", "NewsArticle"],
    ["obituary", "NewsArticle"],
  ] as const)("types a %s piece as %s", (type, schemaType) => {
    expect(newsArticleJsonLd({ ...article, type }, publisher)["@type"]).toBe(schemaType);
  });

  it("gives the publisher its standards pages, and credits it when no writer is named", () => {
    const policies = {
      publishingPrinciples: "https://example.org/ethics/",
      correctionsPolicy: "https://example.org/corrections/",
      ethicsPolicy: "https://example.org/ethics/",
      noBylinesPolicy: "https://example.org/ethics/",
      masthead: "https://example.org/about/",
    };
    const data = newsArticleJsonLd(article, { ...publisher, policies });
    expect(data.publisher).toMatchObject({ "@type": "NewsMediaOrganization", ...policies });
    expect(data.author).toEqual(data.publisher);
  });
});

describe("photo rights", () => {
  it("gives a photo's ImageObject its creator, copyright notice, licence and where to get one", () => {
    const photo = {
      url: "https://example.org/p.jpg",
      width: 960,
      height: 640,
      caption: "Delegates arrive",
      credit: "Fixture Photos",
      creator: "Rana Saleh",
      copyright: "© 2026 Fixture Photos",
      license: "https://creativecommons.org/licenses/by/4.0/",
      acquireLicensePage: "https://photos.example.com/licensing",
    };
    const data = newsArticleJsonLd({ ...article, images: [...article.images, photo] }, publisher);
    expect((data.image as object[])[1]).toEqual({
      "@type": "ImageObject",
      url: photo.url,
      contentUrl: photo.url,
      width: 960,
      height: 640,
      caption: "Delegates arrive",
      creditText: "Fixture Photos",
      creator: { "@type": "Person", name: "Rana Saleh" },
      copyrightNotice: "© 2026 Fixture Photos",
      license: "https://creativecommons.org/licenses/by/4.0/",
      acquireLicensePage: "https://photos.example.com/licensing",
    });
  });
});

describe("jsonForScript", () => {
  const hostile = ["</script><script>alert(1)</script>", "<!--", "]]>", "a & b", "\u2028\u2029", "</SCRIPT >"];

  it.each(hostile)("keeps %j from closing or commenting the script element, and round-trips", (text) => {
    const json = jsonForScript({ headline: text });
    expect(json).not.toMatch(/[<>&\u2028\u2029]/);
    expect(JSON.parse(json)).toEqual({ headline: text });
  });
});
