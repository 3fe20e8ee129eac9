/** Starts Pagefind's UI on the search page (loaded by pagefind-ui.js just before). */
declare global {
  interface Window {
    PagefindUI?: new (options: Record<string, unknown>) => unknown;
  }
}

export function startSearch(element: HTMLElement | null): void {
  if (!element || !window.PagefindUI) return;
  new window.PagefindUI({
    element,
    bundlePath: element.dataset.bundle,
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
