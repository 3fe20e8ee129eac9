import { topicKey, topicSlug } from "../../model/slug.ts";
import type { ArticleFacts } from "./article-findings.ts";
import type { CheckedArticle, Problem } from "./report.ts";

/** Two different topics that would share one page (/tags/c/ for "C" and "C!"): both named. */
export function topicProblems(facts: Map<CheckedArticle, ArticleFacts>): Problem[] {
  const problems: Problem[] = [];
  for (const kind of ["section", "tag"] as const) {
    const bySlug = new Map<string, Array<{ article: CheckedArticle; topic: ArticleFacts["topics"][number] }>>();
    for (const [article, { topics }] of facts) {
      for (const topic of topics) {
        if (topic.kind !== kind) continue;
        const slug = topicSlug(topic.name);
        bySlug.set(slug, [...(bySlug.get(slug) ?? []), { article, topic }]);
      }
    }
    for (const [slug, uses] of bySlug) {
      const names = new Map<string, (typeof uses)[number]>();
      for (const use of uses) if (!names.has(topicKey(use.topic.name))) names.set(topicKey(use.topic.name), use);
      if (names.size < 2) continue;
      for (const use of uses) {
        const others = [...names.entries()]
          .filter(([key]) => key !== topicKey(use.topic.name))
          .map(([, o]) => `"${o.topic.name}" (${o.article.file}${o.topic.line ? `:${o.topic.line}` : ""})`);
        problems.push({
          file: use.article.file,
          line: use.topic.line,
          field: use.topic.field,
          message: `"${use.topic.name}" would share the ${kind} page /${kind}s/${slug}/ with ${others.join(", ")}, a different name: use one spelling for one topic, or names that differ in letters or digits`,
        });
      }
    }
  }
  return problems;
}

