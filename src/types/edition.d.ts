/** The virtual module of src/integrations/edition.ts: the build's clock and whether it previews. */
declare module "virtual:newsroom/edition" {
  export const now: Date;
  export const preview: boolean;
}
