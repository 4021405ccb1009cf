import { beforeAll, describe, expect, it } from 'vitest';
import { shortSense } from '../explain-judgement.ts';
import type { Judgement } from '../judgement.ts';
import { judgeAnswer } from '../match-label.ts';
import { evaluateEndToEnd } from './end-to-end.ts';
import { evaluateJudge, type GroupScore } from './evaluate.ts';
import { buildLabelledPairs, type LabelledPair, type PairGroup } from './labelled-pairs.ts';
import { loadWordNetGraph, type WordNetGraph } from './wordnet-graph.ts';

let graph: WordNetGraph;
let pairs: LabelledPair[];
let scores: Map<PairGroup, GroupScore>;
let endToEnd: Map<PairGroup, GroupScore>;
const judged = new Map<LabelledPair, Judgement>();

beforeAll(async () => {
  graph = await loadWordNetGraph();
  pairs = buildLabelledPairs(graph);
  const results = await evaluateJudge(pairs, async (answer, label) => judgeAnswer(answer, label));
  scores = new Map(results.map((score) => [score.group, score]));
  endToEnd = new Map((await evaluateEndToEnd(pairs)).map((score) => [score.group, score]));
  for (const pair of pairs.filter((candidate) => candidate.group === 'species'))
    judged.set(pair, await judgeAnswer(pair.answer, pair.label));
}, 120_000);

/** The share judged as labelled, with the misses in the message so that a failure shows what went wrong. */
function expectShare(group: PairGroup, atLeast: number, from = scores): void {
  const score = from.get(group);
  expect(score, `no ${group} pairs`).toBeDefined();
  const { right, total, misses } = score as GroupScore;
  const shown = misses
    .slice(0, 10)
    .map((miss) => `${miss.answer} / ${miss.label}: ${miss.explanation}`)
    .join('\n');
  expect(right / total, `${group}: ${right}/${total}\n${shown}`).toBeGreaterThanOrEqual(atLeast);
}

describe("the judge on a labelled set built from WordNet's own data", () => {
  it('builds the same set for the same seed, with pairs in every group', () => {
    expect(buildLabelledPairs(graph)).toEqual(pairs);
    const counts = Object.fromEntries([...scores].map(([group, score]) => [group, score.total]));
    expect(counts).toEqual({ synonyms: 300, species: 450, compounds: 120, everyday: expect.any(Number), unrelated: 400 });
    expect(counts['everyday']).toBeGreaterThanOrEqual(50);
  });

  it('judges two words of one synset right (at least 97%)', () => expectShare('synonyms', 0.97));

  it('judges breeds and species kinds of their animal, at any depth below it (at least 97%)', () => {
    expectShare('species', 0.97);
    const depths = pairs
      .filter((pair) => pair.group === 'species')
      .map((pair) => Math.min(...graph.synsetsOf(pair.answer).map((synset) => depthBelow(synset.offset, pair.label))));
    expect(Math.max(...depths), 'the set reaches species deeper than 6 steps').toBeGreaterThan(6);
  });

  it('accepts the distinctive word of one compound under the label (at least 97%)', () => expectShare('compounds', 0.97));

  it("accepts the everyday-hypernym table's words and kinds of them (at least 97%)", () => expectShare('everyday', 0.97));

  it('judges every answer from an unrelated class wrong (100%)', () => expectShare('unrelated', 1));

  describe('end to end: the answers written as a model writes them, parsed, normalised and judged by a comparison', () => {
    it('reads every pair in JSON and as a sentence', () => {
      const counts = Object.fromEntries([...endToEnd].map(([group, score]) => [group, score.total]));
      expect(counts).toMatchObject({ synonyms: 600, species: 900, unrelated: 800 });
    });

    it('judges two words of one synset right (at least 99%)', () => expectShare('synonyms', 0.99, endToEnd));

    it('judges breeds and species kinds of their animal (at least 98%)', () => expectShare('species', 0.98, endToEnd));

    it('judges every answer from an unrelated class wrong (100%)', () => expectShare('unrelated', 1, endToEnd));
  });

  it('names the WordNet path from the answer to the label, and the sense when it is not the usual one', () => {
    const kinds = [...judged].filter(([, judgement]) => judgement.kind === 'hyponym');
    expect(kinds.length).toBeGreaterThan(400);
    for (const [pair, { explanation, reason }] of kinds) {
      const path = reason.path.map((sense) => sense.words[0]);
      expect(reason.path[0]?.words, explanation).toContain(reason.answerName);
      expect(reason.path.at(-1)?.words, explanation).toContain(pair.label);
      expect(explanation).toContain(`(WordNet: ${[reason.answerName, ...path.slice(1, -1), pair.label].join(' → ')})`);
      if (reason.answerSenseRare) expect(explanation).toContain(`${reason.answerName} (${shortSense(reason.answerSense?.gloss ?? '')})`);
    }
  });
});

/** Steps from `offset` up to the class synset labelled `label`, by the shortest way; Infinity when not below it. */
function depthBelow(offset: number, label: string): number {
  let frontier = [offset];
  const seen = new Set(frontier);
  for (let depth = 0; frontier.length > 0; depth++) {
    if (frontier.some((id) => graph.synsets.get(id)?.words[0] === label)) return depth;
    frontier = frontier.flatMap((id) => graph.synsets.get(id)?.hypernyms ?? []).filter((id) => !seen.has(id) && seen.add(id));
  }
  return Infinity;
}
