/**
 * Starts Pagefind's UI on the search page (loaded by pagefind-ui.js just before). The index
 * is in shards (docs/decisions/019-search-shards.md): the newest is the bundle itself, the
 * others are listed in its shards.json and merged into it.
 */
declare global {
  interface Window {
    PagefindUI?: new (options: Record<string, unknown>) => unknown;
  }
}

/** The folders of the shards to merge, relative to the bundle. */
async function shardFolders(bundle: string): Promise<string[]> {
  const response = await fetch(`${bundle}shards.json`);
  if (!response.ok) throw new Error(`${bundle}shards.json: ${response.status}`);
  return (await response.json()) as string[];
}

export async function startSearch(element: HTMLElement | null): Promise<void> {
  const bundle = element?.dataset.bundle;
  if (!element || !bundle || !window.PagefindUI) return;
  const shards = await shardFolders(bundle);
  new window.PagefindUI({
    element,
    bundlePath: bundle,
    mergeIndex: shards.map((folder) => ({ bundlePath: `${bundle}${folder}` })),
    // Result links are stored relative to the site; the base puts them under a sub-path.
    baseUrl: element.dataset.base,
    showImages: false,
    showSubResults: true,
    autofocus: true,
    translations: { placeholder: "Search articles" },
  });
  // Pagefind labels its box only by a hidden attribute; name it by the page's visible heading.
  const input = element.querySelector("input");
  const heading = element.dataset.labelledby;
  if (input && heading) input.setAttribute("aria-labelledby", heading);
}
