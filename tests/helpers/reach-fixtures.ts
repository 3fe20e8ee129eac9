/**
 * Articles for the feeds, structured data, topic and pagination tests: one whose
 * headline tries to break out of JSON-LD, and enough briefs in one topic to fill
 * more than one page. The briefs are older than the seed and the hostile one older
 * than the photo fixture, so the home page still leads with the photo story and the seed.
 */
import { PAGE_SIZE } from "../../src/lib/pagination.ts";

export const HOSTILE_ID = "fixture-hostile-headline";
export const HOSTILE_HEADLINE = `Officials say </script><script>alert("x")</script> & <!-- "more" -->`;
export const BRIEF_TAG = "Pagination Briefs";
/** One more than fits on a page, so the topic and its year need a second page. */
export const BRIEF_COUNT = PAGE_SIZE + 1;

const yamlString = (text: string) => JSON.stringify(text); // JSON strings are valid YAML

export function reachFixtureFiles(): Record<string, string> {
  const files: Record<string, string> = {
    [`${HOSTILE_ID}.md`]: `---
headline: ${yamlString(HOSTILE_HEADLINE)}
standfirst: ${yamlString(`A standfirst with </script> and <b>tags</b> in it.`)}
published: "2026-11-19T08:00:00Z"
section: "World"
tags: ["Syria", "Fixtures"]
---

A paragraph that closes </script> in the body, too.
`,
  };
  for (let i = 1; i <= BRIEF_COUNT; i++) {
    const day = String(i).padStart(2, "0");
    files[`fixture-brief-${day}.md`] = `---
headline: "Brief number ${i}"
standfirst: "A one-paragraph brief for the pagination tests."
published: "2015-01-${day}"
section: "Briefs"
tags: [${yamlString(BRIEF_TAG)}]
---

Brief ${i} has one paragraph.
`;
  }
  return files;
}
