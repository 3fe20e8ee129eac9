/**
 * Article HTML for feed readers: the page's own body, cleaned by a real sanitizer to
 * plain, inert elements, with every link and image made absolute (a feed item is read
 * far from our site).
 */
import sanitizeHtml from "sanitize-html";

const ALLOWED_TAGS = [
  "p",
  "h2",
  "h3",
  "h4",
  "h5",
  "h6",
  "ul",
  "ol",
  "li",
  "blockquote",
  "em",
  "strong",
  "code",
  "pre",
  "a",
  "br",
  "hr",
  "figure",
  "figcaption",
  "img",
  "span",
];

function absolute(url: string, baseUrl: string): string {
  try {
    return new URL(url, baseUrl).href;
  } catch {
    return "";
  }
}

/** Sanitized, absolute-URL HTML. `baseUrl` is the article's own absolute URL. */
export function feedHtml(html: string, baseUrl: string): string {
  return sanitizeHtml(html, {
    allowedTags: ALLOWED_TAGS,
    allowedAttributes: {
      a: ["href"],
      img: ["src", "alt", "width", "height"],
      // Caption and credit stay told apart for readers that keep classes.
      span: ["class"],
    },
    allowedClasses: { span: ["figure-caption", "figure-credit", "figure-credit-label", "figure-note"] },
    allowedSchemes: ["http", "https", "mailto", "tel"],
    allowedSchemesAppliedToAttributes: ["href", "src"],
    allowProtocolRelative: false,
    // <picture> and <source> go; the <img> inside stays, with the JPEG fallback.
    transformTags: {
      a: (tagName, attribs) => ({
        tagName,
        attribs: attribs.href ? { ...attribs, href: absolute(attribs.href, baseUrl) } : attribs,
      }),
      img: (tagName, attribs) => ({
        tagName,
        attribs: attribs.src ? { ...attribs, src: absolute(attribs.src, baseUrl) } : attribs,
      }),
    },
  });
}
