/**
 * Hostile input for the shared site build: an article whose every field and body block
 * tries to become active markup (script tags, event handlers, javascript:/data:/vbscript:
 * URLs, entity-encoded and mixed-case variants, </script> in fields that reach JSON-LD
 * and meta tags, SVG and MathML with script), with GPS-tagged photos; and a renamed
 * article with a former address. The tests check that nothing becomes active and that
 * every text stays visible as written.
 */
import sharp from "sharp";
import { fixtureJpeg } from "./fixtures.ts";

export const HOSTILE_CORPUS_ID = "fixture-hostile-corpus";
export const RENAMED_ID = "fixture-renamed-story";
export const RENAMED_FORMER_SLUG = "fixture-old-story-address";
/** Files beside the hostile corpus that no article uses: a GPS-tagged photo and text named .jpg. */
export const UNUSED_IMAGES = ["unused-gps.jpg", "unused-text.jpg"] as const;

/** Frontmatter fields, each an attack on the place it is shown (text, attribute, JSON-LD, meta). */
export const HOSTILE_FIELDS = {
  headline: `</script><script>alert("headline")</script> & </title><b>bold</b>`,
  standfirst: `"><img src=x onerror=alert('standfirst')> 'single' </textarea></noscript><!--`,
  section: `<svg onload=alert('section')>Section`,
  tags: [`<script>alert('tag')</script>Tag`, `javascript:alert('tag')`],
  byline: `"><script>alert('byline')</script> Jane`,
  sourcePublisher: `</script><!-- <script>alert('publisher')</script>`,
  sourceUrl: `https://example.com/?q=%3C/script%3E&x="><script>alert(1)</script>`,
  heroCaption: `[click me](javascript:alert('caption')) <iframe src=javascript:alert('caption-frame')>`,
  heroCredit: `<a href=javascript:alert('credit')>Agency</a>`,
  heroAlt: `" onerror="alert('alt')`,
} as const;

export interface HostileBlock {
  name: string;
  markdown: string;
  /** Text that must be visible on the page exactly as written (for raw HTML: the markup itself). */
  visible: string;
}

/** Body blocks: one attack each. Raw HTML must show as text; unsafe links keep only their words. */
export const HOSTILE_BLOCKS: HostileBlock[] = [
  {
    name: "script block",
    markdown: `<script>alert('body-script')</script>`,
    visible: `<script>alert('body-script')</script>`,
  },
  {
    name: "img onerror inline",
    markdown: `Look <img src=x onerror=alert('img-onerror')> here.`,
    visible: `<img src=x onerror=alert('img-onerror')>`,
  },
  {
    name: "mixed-case scheme",
    markdown: `A [mixed case link](JaVaScRiPt:alert('mixed')) here.`,
    visible: "mixed case link",
  },
  {
    name: "decimal entity scheme",
    markdown: `An [entity link](&#106;avascript:alert('entity')) here.`,
    visible: "entity link",
  },
  { name: "hex entity scheme", markdown: `A [hex link](&#x6A;avascript&#x3A;alert('hex')) here.`, visible: "hex link" },
  {
    name: "named colon entity",
    markdown: `A [colon link](javascript&colon;alert('colon')) here.`,
    visible: "colon link",
  },
  {
    name: "percent-encoded colon",
    markdown: `A [percent link](javascript%3Aalert('percent')) here.`,
    visible: "percent link",
  },
  {
    name: "percent-encoded letter",
    markdown: `A [letter link](%6Aavascript:alert('letter')) here.`,
    visible: "letter link",
  },
  { name: "tab inside scheme", markdown: `A [tab link](jav&#x09;ascript:alert('tab')) here.`, visible: "tab link" },
  {
    name: "data: link",
    markdown: `A [data link](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==) here.`,
    visible: "data link",
  },
  { name: "vbscript: link", markdown: `A [vb link](vbscript:msgbox('vb')) here.`, visible: "vb link" },
  {
    name: "autolink",
    markdown: `An autolink <javascript:alert('autolink')> here.`,
    visible: "javascript:alert('autolink')",
  },
  {
    name: "reference link",
    markdown: `A [reference link][evil] here.\n\n[evil]: javascript:alert('ref')`,
    visible: "reference link",
  },
  {
    name: "raw anchor",
    markdown: `<a href="javascript:alert('raw-a')">raw anchor</a>`,
    visible: `<a href="javascript:alert('raw-a')">raw anchor</a>`,
  },
  {
    name: "entity-encoded raw anchor",
    markdown: `<a href="&#x6A;&#x61;&#x76;&#x61;&#x73;&#x63;&#x72;&#x69;&#x70;&#x74;:alert('enc')">enc</a>`,
    visible: "enc</a>",
  },
  {
    name: "svg with script",
    markdown: `<svg><script>alert('svg')</script></svg>`,
    visible: `<svg><script>alert('svg')</script></svg>`,
  },
  { name: "svg onload", markdown: `<svg onload=alert('svg-onload')>`, visible: `<svg onload=alert('svg-onload')>` },
  {
    name: "iframe javascript",
    markdown: `<iframe src="javascript:alert('iframe')"></iframe>`,
    visible: `<iframe src="javascript:alert('iframe')"></iframe>`,
  },
  {
    name: "mathml mXSS",
    markdown: `<math><mtext><table><mglyph><style><img src=x onerror=alert('mxss')>`,
    visible: `<img src=x onerror=alert('mxss')>`,
  },
  {
    name: "details ontoggle",
    markdown: `<details open ontoggle=alert('toggle')>`,
    visible: `<details open ontoggle=alert('toggle')>`,
  },
  {
    name: "newline in img scheme",
    markdown: `<IMG SRC="jav&#x0A;ascript:alert('newline')">`,
    visible: `<IMG SRC="jav&#x0A;ascript:alert('newline')">`,
  },
  {
    name: "style import",
    markdown: `<style>@import 'javascript:alert(1)';</style>`,
    visible: `<style>@import 'javascript:alert(1)';</style>`,
  },
  {
    name: "html comment",
    markdown: `Before <!-- <script>alert('comment')</script> --> after.`,
    visible: `<!-- <script>alert('comment')</script> -->`,
  },
  {
    name: "object data:",
    markdown: `<object data="data:text/html,<script>alert('object')</script>"></object>`,
    visible: `<object data="data:text/html,`,
  },
  {
    name: "title attribute breakout",
    markdown: `A [titled link](https://example.com/ "\\" onmouseover=\\"alert('title')") here.`,
    visible: "titled link",
  },
  {
    name: "meta refresh",
    markdown: `<meta http-equiv="refresh" content="0;url=javascript:alert('meta')">`,
    visible: `<meta http-equiv="refresh" content="0;url=javascript:alert('meta')">`,
  },
  {
    name: "base href",
    markdown: `<base href="javascript:alert('base')//">`,
    visible: `<base href="javascript:alert('base')//">`,
  },
  {
    name: "form action",
    markdown: `<form action="javascript:alert('form')"><button>go</button></form>`,
    visible: `<form action="javascript:alert('form')"><button>go</button></form>`,
  },
  {
    name: "heading with script",
    markdown: `# <script>alert('heading')</script> Heading`,
    visible: `<script>alert('heading')</script> Heading`,
  },
  {
    name: "harmless-looking inline tags",
    markdown: `Some <b>bold</b>, <i>italic</i>, <u>underlined</u>, <em>stressed</em>, <strong>strong</strong>, <small>small</small>, <mark>marked</mark>, H<sub>2</sub>O, x<sup>2</sup>, <s>struck</s>, <span>spanned</span> and a<br>break.`,
    visible: `Some <b>bold</b>, <i>italic</i>, <u>underlined</u>, <em>stressed</em>, <strong>strong</strong>, <small>small</small>, <mark>marked</mark>, H<sub>2</sub>O, x<sup>2</sup>, <s>struck</s>, <span>spanned</span> and a<br>break.`,
  },
  {
    name: "harmless-looking block tags",
    markdown: `<p><b>A paragraph tag</b> around bold</p>`,
    visible: `<p><b>A paragraph tag</b> around bold</p>`,
  },
  {
    name: "tel and mailto links",
    markdown: `Call [the newsdesk](tel:+442079460000) or write to [the editor](mailto:editor@example.org).`,
    visible: "Call the newsdesk or write to the editor.",
  },
  {
    name: "code span",
    markdown: "Code `<script>alert('code')</script>` stays code.",
    visible: `<script>alert('code')</script>`,
  },
];

const yamlString = (text: string) => JSON.stringify(text);

/** A photo with GPS coordinates, camera owner and (when asked) XMP: what a phone or camera writes. */
export async function gpsTaggedJpeg(width: number, height: number, hue: number, { xmp = false } = {}): Promise<Buffer> {
  let image = sharp(await fixtureJpeg(width, height, hue)).withExif({
    IFD0: { Artist: "Fixture Photographer", Copyright: "Fixture Agency" },
    IFD3: {
      GPSLatitudeRef: "N",
      GPSLatitude: "36/1 12/1 0/1",
      GPSLongitudeRef: "E",
      GPSLongitude: "37/1 9/1 0/1",
    },
  });
  if (xmp) {
    image = image.withXmp(
      `<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description xmlns:exif="http://ns.adobe.com/exif/1.0/" exif:GPSLatitude="36,12.0N" exif:GPSLongitude="37,9.0E"/></rdf:RDF></x:xmpmeta>`,
    );
  }
  return image.jpeg({ quality: 85 }).toBuffer();
}

export async function hostileArticleFiles(): Promise<Record<string, string | Buffer>> {
  const f = HOSTILE_FIELDS;
  const body = HOSTILE_BLOCKS.map((block) => block.markdown).join("\n\n");
  return {
    [`${HOSTILE_CORPUS_ID}/index.md`]: `---
headline: ${yamlString(f.headline)}
standfirst: ${yamlString(f.standfirst)}
published: "2014-06-02"
section: ${yamlString(f.section)}
tags: [${f.tags.map(yamlString).join(", ")}]
byline: ${yamlString(f.byline)}
source:
  publisher: ${yamlString(f.sourcePublisher)}
  url: ${yamlString(f.sourceUrl)}
hero:
  caption: ${yamlString(f.heroCaption)}
  credit: ${yamlString(f.heroCredit)}
  image: "./gps-hero.jpg"
  alt: ${yamlString(f.heroAlt)}
---

${body}

![A photo with GPS and XMP metadata](./gps-inline.jpg "<img src=x onerror=alert('figcaption')> caption [<b>Credit</b>]")

Last paragraph.
`,
    [`${HOSTILE_CORPUS_ID}/gps-hero.jpg`]: await gpsTaggedJpeg(640, 400, 300),
    [`${HOSTILE_CORPUS_ID}/gps-inline.jpg`]: await gpsTaggedJpeg(480, 320, 120, { xmp: true }),
    // Beside the article but used by none: never published (a warning in the check).
    [`${HOSTILE_CORPUS_ID}/${UNUSED_IMAGES[0]}`]: await gpsTaggedJpeg(320, 200, 60),
    [`${HOSTILE_CORPUS_ID}/${UNUSED_IMAGES[1]}`]: "this is a text file, not a photo\n",
    [`${RENAMED_ID}.md`]: `---
headline: "A story that changed its address"
standfirst: "Its old address answers with a permanent redirect."
published: "2014-06-01"
section: "Renamed"
tags: ["Renamed Fixtures"]
formerSlugs: [${yamlString(RENAMED_FORMER_SLUG)}]
---

This article used to live at another address.
`,
  };
}
