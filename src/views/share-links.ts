/**
 * Ways to share an article without any script: plain links that carry the headline and
 * address to an email program or a network's own share page. Nothing is fetched from a
 * network until the reader follows a link.
 */
export interface ShareLink {
  /** The network's name as the link text shows it. */
  name: string;
  href: string;
}

/** The share links for an article at `url` (absolute) with `headline`, email first. */
export function shareLinks(url: string, headline: string): ShareLink[] {
  const q = (params: Record<string, string>) => new URLSearchParams(params).toString();
  const textAndUrl = `${headline} ${url}`;
  return [
    // mailto: wants %20 for spaces (RFC 6068), not URLSearchParams' "+".
    { name: "Email", href: `mailto:?subject=${encodeURIComponent(headline)}&body=${encodeURIComponent(url)}` },
    { name: "X", href: `https://x.com/intent/post?${q({ text: headline, url })}` },
    { name: "Facebook", href: `https://www.facebook.com/sharer/sharer.php?${q({ u: url })}` },
    { name: "LinkedIn", href: `https://www.linkedin.com/sharing/share-offsite/?${q({ url })}` },
    { name: "WhatsApp", href: `https://wa.me/?${q({ text: textAndUrl })}` },
    { name: "Bluesky", href: `https://bsky.app/intent/compose?${q({ text: textAndUrl })}` },
  ];
}
