import { describe, expect, it } from "vitest";
import { shareLinks } from "../../src/views/share-links.ts";

const url = "https://example.org/articles/a-b/";
const headline = `Kerry: "talks" & ceasefire? 50% (or more)`;

describe("shareLinks", () => {
  const links = Object.fromEntries(shareLinks(url, headline).map((l) => [l.name, l.href]));

  it("offers email and the five networks, email first", () => {
    expect(shareLinks(url, headline).map((l) => l.name)).toEqual([
      "Email",
      "X",
      "Facebook",
      "LinkedIn",
      "WhatsApp",
      "Bluesky",
    ]);
  });

  it("mails the headline as subject and the address as body, spaces as %20", () => {
    expect(links.Email).toBe(
      "mailto:?subject=Kerry%3A%20%22talks%22%20%26%20ceasefire%3F%2050%25%20(or%20more)&body=https%3A%2F%2Fexample.org%2Farticles%2Fa-b%2F",
    );
  });

  it.each([
    ["X", "https://x.com/intent/post", { text: headline, url }],
    ["Facebook", "https://www.facebook.com/sharer/sharer.php", { u: url }],
    ["LinkedIn", "https://www.linkedin.com/sharing/share-offsite/", { url }],
    ["WhatsApp", "https://wa.me/", { text: `${headline} ${url}` }],
    ["Bluesky", "https://bsky.app/intent/compose", { text: `${headline} ${url}` }],
  ])("sends %s to its share page with exactly the headline and address", (name, page, params) => {
    const href = new URL(links[name]!);
    expect(`${href.origin}${href.pathname}`).toBe(page);
    expect(Object.fromEntries(href.searchParams)).toEqual(params);
  });
});
