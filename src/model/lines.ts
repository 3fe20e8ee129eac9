/**
 * Where an offset in a source file is, as a line number: the one line counter behind
 * every `file:line` the site reports (frontmatter, Markdown bodies, public files).
 */

/** Lines before `offset` in `text`, plus one: the 1-based line `offset` is on. */
export function lineAt(text: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < text.length; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}
