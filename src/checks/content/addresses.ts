import type { ArticleFacts } from "./article-findings.ts";
import type { CheckedArticle, Problem } from "./report.ts";

/** Two files with one address, or a former address that another article (or itself) owns. */
export function addressProblems(articles: CheckedArticle[], facts: Map<CheckedArticle, ArticleFacts>): Problem[] {
  const problems: Problem[] = [];
  // Addresses are compared as a browser and a host would: "Café" typed with one é
  // (NFC) and with e + accent (NFD) are one address, though the two files differ.
  const address = (slug: string) => slug.normalize("NFC");
  const byId = new Map<string, CheckedArticle[]>();
  for (const article of articles) {
    const key = address(article.id);
    byId.set(key, [...(byId.get(key) ?? []), article]);
  }
  for (const [id, same] of byId) {
    if (same.length < 2) continue;
    const spellings = new Set(same.map((a) => a.id)).size > 1;
    for (const article of same) {
      const others = same.filter((a) => a !== article).map((a) => a.file);
      problems.push({
        file: article.file,
        message: `has the same address /articles/${id}/ as ${others.join(", ")}${
          spellings ? " (the same letters, written with different Unicode characters)" : ""
        }: only one would be published; rename one`,
      });
    }
  }
  const formerOwners = new Map<string, CheckedArticle[]>();
  for (const article of articles) {
    const lines = facts.get(article)?.formerSlugs ?? [];
    const at = (slug: string) => lines.find((f) => address(f.slug) === slug);
    const seen = new Set<string>();
    for (const entry of lines) {
      if (seen.has(address(entry.slug))) {
        problems.push({
          file: article.file,
          line: entry.line,
          field: entry.field,
          message: `"${entry.slug}" is listed more than once`,
        });
      }
      seen.add(address(entry.slug));
    }
    for (const slug of new Set(article.formerSlugs.map(address))) {
      formerOwners.set(slug, [...(formerOwners.get(slug) ?? []), article]);
      const owner = byId.get(slug)?.[0];
      if (owner) {
        problems.push({
          file: article.file,
          line: at(slug)?.line,
          field: at(slug)?.field ?? "formerSlugs",
          message:
            owner === article
              ? `"${slug}" is this article's own address`
              : `"${slug}" is the address of ${owner.file}: a redirect there would hide that article`,
        });
      }
    }
  }
  for (const [slug, owners] of formerOwners) {
    if (owners.length < 2) continue;
    for (const article of owners) {
      const entry = facts.get(article)?.formerSlugs.find((f) => address(f.slug) === slug);
      problems.push({
        file: article.file,
        line: entry?.line,
        field: entry?.field ?? "formerSlugs",
        message: `"${slug}" is also a former address of ${owners
          .filter((a) => a !== article)
          .map((a) => a.file)
          .join(", ")}: it can redirect to only one article`,
      });
    }
  }
  return problems;
}

