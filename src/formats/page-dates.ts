/**
 * The dates an article page declares in its own Open Graph tags. The sitemap reads
 * them back from the built pages, so its lastmod is exactly what each page says.
 */
function metaContent(html: string, property: string): string | undefined {
  const re = new RegExp(`<meta property="${property}" content="([^"]+)"`);
  return re.exec(html)?.[1];
}

export function pageLastModified(html: string): Date | undefined {
  const value = metaContent(html, "article:modified_time") ?? metaContent(html, "article:published_time");
  if (!value) return undefined;
  const date = new Date(/^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T00:00:00Z` : value);
  return Number.isNaN(date.getTime()) ? undefined : date;
}

/** Whether the page is a withdrawn article's notice (src/components/WithdrawnNotice.astro). */
export function pageIsWithdrawn(html: string): boolean {
  // The plain search first: the pattern, tried at every "<" of a long page, costs far more.
  return html.includes('data-withdrawn="') && /<[^>]+\sdata-withdrawn="/.test(html);
}
