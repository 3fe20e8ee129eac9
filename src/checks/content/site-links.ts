import { topicSlug } from "../../model/slug.ts";
import type { ArticleFacts } from "./article-findings.ts";
import type { CheckedArticle, Problem } from "./report.ts";
import { sitePathProblem, type KnownSite } from "./site-routes.ts";

/** The articles a build has pages for: with their text, or (withdrawn) as a notice alone. */
export interface SitePages {
  full: ReadonlyMap<CheckedArticle, ArticleFacts>;
  /** Withdrawn: the address answers with a notice; it has no ids, topics or archive year. */
  notices: readonly CheckedArticle[];
}

/** The pages, topics and years a build with `pages` will have. */
function knownSite(pages: SitePages): KnownSite {
  const known: KnownSite = {
    articles: new Map(),
    formerSlugs: new Set(),
    sections: new Map(),
    tags: new Map(),
    years: new Map(),
  };
  const count = (map: Map<string, number>, key: string) => map.set(key, (map.get(key) ?? 0) + 1);
  for (const article of pages.notices) {
    known.articles.set(article.id, new Set());
    for (const slug of article.formerSlugs) (known.formerSlugs as Set<string>).add(slug);
  }
  for (const [article, fact] of pages.full) {
    known.articles.set(article.id, new Set(fact.ids));
    for (const { slug } of fact.formerSlugs) (known.formerSlugs as Set<string>).add(slug);
    for (const kind of ["section", "tag"] as const) {
      const slugs = new Set(fact.topics.filter((t) => t.kind === kind).map((t) => topicSlug(t.name)));
      for (const slug of slugs) count((kind === "section" ? known.sections : known.tags) as Map<string, number>, slug);
    }
    if (fact.year !== undefined) count(known.years as Map<string, number>, String(fact.year));
  }
  return known;
}

/**
 * Links to the site's own pages (root-relative, relative, or the site's address written
 * in full) in the articles of `facts` must name a page of a build with `pages`: the output
 * link check refuses any other, after the whole site has been built.
 */
export function linkProblems(
  facts: ReadonlyMap<CheckedArticle, ArticleFacts>,
  pages: SitePages,
  site: { url: string; base: string },
): Problem[] {
  const problems: Problem[] = [];
  const base = site.base.endsWith("/") ? site.base : `${site.base}/`;
  const origin = new URL(site.url).origin;
  const known = knownSite(pages);
  for (const [article, fact] of facts) {
    const page = new URL(`${base}articles/${article.id}/`, origin);
    for (const link of fact.links) {
      let target: URL;
      try {
        target = new URL(link.href, page);
      } catch {
        problems.push({
          file: article.file,
          line: link.line,
          field: link.field,
          message: `link "${link.href}" is not a valid URL`,
        });
        continue;
      }
      if (target.origin !== origin) continue; // another site: not ours to check
      let reason: string | null;
      if (!target.pathname.startsWith(base)) reason = `is outside the site's base path ${base}`;
      else {
        try {
          reason = sitePathProblem(
            decodeURIComponent(target.pathname.slice(base.length)),
            decodeURIComponent(target.hash.slice(1)),
            known,
          );
        } catch {
          reason = "is not a valid URL path";
        }
      }
      if (reason) {
        problems.push({
          file: article.file,
          line: link.line,
          field: link.field,
          message: `link "${link.href}" goes to this site, but ${reason.replace(/^(is|names|points)/, "it $1")}`,
        });
      }
    }
  }
  return problems;
}

