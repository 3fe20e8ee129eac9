// The parts of @mdn/mdn-http-observatory that tests/helpers/mdn-observatory.ts calls (the package ships JavaScript with JSDoc, no declarations).
declare module "@mdn/mdn-http-observatory/src/retriever/retriever.js" {
  export interface Requests {
    responses: { auto: { status: number } | null };
  }
  export function retrieve(
    hostname: string,
    options?: { httpPort?: string; httpsPort?: string; path?: string },
  ): Promise<Requests>;
}
declare module "@mdn/mdn-http-observatory/src/constants.js" {
  import type { Requests } from "@mdn/mdn-http-observatory/src/retriever/retriever.js";
  export const ALL_TESTS: ((requests: Requests) => { result: string | null; pass: boolean | null })[];
}
declare module "@mdn/mdn-http-observatory/src/grader/grader.js" {
  export function getGradeForScore(score: number): { score: number; grade: string };
  export function getScoreModifier(expectation: string): number;
}
declare module "@mdn/mdn-http-observatory/src/grader/charts.js" {
  export const MINIMUM_SCORE_FOR_EXTRA_CREDIT: number;
}
