// The part of decap-cms-core that tests/cms/round-trip.test.ts calls: Decap's own reader and
// writer of Markdown files with YAML frontmatter (the package declares its app API only).
declare module "decap-cms-core/dist/esm/formats/frontmatter.js" {
  export interface FrontmatterFormatter {
    /** The frontmatter's fields, and the text below it as `body`. */
    fromFile(content: string): Record<string, unknown>;
    /** The file Decap saves: the fields (top-level keys in `sortedKeys` order) as YAML, then the body. */
    toFile(data: Record<string, unknown>, sortedKeys?: string[], comments?: Record<string, string>): string;
  }
  export function frontmatterYAML(customDelimiter?: string): FrontmatterFormatter;
}
