/**
 * `pnpm judge:eval`: how many answer/label pairs the accuracy judge gets right, per group, on a labelled set
 * built from WordNet's own data (see `buildLabelledPairs`), and how long a judgement takes, cold (synsets read
 * from disk) and warm (cached, as when the comparison view is shown again). Beside the judge alone, the same
 * pairs end to end (`evaluateEndToEnd`): each answer written as a model writes it (JSON and a sentence), parsed,
 * normalised, its label read from a CSV, and judged by a comparison. Prints a Markdown table.
 *
 *   --seed=N     another sample of WordNet (17 by default, the one the tests use)
 *   --scale=N    N times as many pairs in each group (the species group is capped by WordNet's size)
 *   --misses     list every pair judged against its labelling, with the judge's explanation
 */
import { judgeAnswer } from '@vision/core';
import {
  buildLabelledPairs,
  DEFAULT_PAIR_SIZES,
  evaluateEndToEnd,
  evaluateJudge,
  loadWordNetGraph,
  type GroupScore,
  type PairGroup,
  type PairSizes,
} from '@vision/core/judge-eval';

const option = (name: string): string | undefined => process.argv.find((arg) => arg.startsWith(`--${name}=`))?.slice(name.length + 3);
const seed = Number(option('seed') ?? 17);
const scale = Number(option('scale') ?? 1);
const showMisses = process.argv.includes('--misses');

/** What issue 17 asks of the judge alone, and issue 22 end to end; groups without a target are reported only. */
const TARGETS: Partial<Record<PairGroup, number>> = { synonyms: 0.97, species: 0.97, unrelated: 1 };
const END_TO_END_TARGETS: Partial<Record<PairGroup, number>> = { synonyms: 0.99, species: 0.98, unrelated: 1 };
const WHAT: Record<PairGroup, string> = {
  synonyms: 'two words of one synset ("dipper", "water ouzel")',
  species: 'a breed or species for its animal, any depth ("malinois", "dog")',
  compounds: 'the distinctive word of one compound ("labrador", "Labrador retriever")',
  everyday: 'everyday-hypernym table and kinds of its words ("damask rose", "flower")',
  unrelated: 'a word of another class ("malinois", "bird"): must be wrong',
};

const log = (line: string) => process.stderr.write(`${line}\n`);
const sizes: PairSizes = {
  synonyms: Math.round(DEFAULT_PAIR_SIZES.synonyms * scale),
  species: Math.round(DEFAULT_PAIR_SIZES.species * scale),
  compounds: Math.round(DEFAULT_PAIR_SIZES.compounds * scale),
  unrelated: Math.round(DEFAULT_PAIR_SIZES.unrelated * scale),
};

let started = performance.now();
const pairs = buildLabelledPairs(await loadWordNetGraph(), seed, sizes);
log(`${pairs.length} pairs from WordNet 3.1 (seed ${seed}) in ${((performance.now() - started) / 1000).toFixed(1)} s`);

started = performance.now();
const scores = await evaluateJudge(pairs, (answer, label) => judgeAnswer(answer, label));
const coldMs = (performance.now() - started) / pairs.length;
started = performance.now();
await evaluateJudge(pairs, (answer, label) => judgeAnswer(answer, label));
const warmMs = (performance.now() - started) / pairs.length;

started = performance.now();
const endToEnd = new Map((await evaluateEndToEnd(pairs)).map((score) => [score.group, score]));
const endToEndMs = (performance.now() - started) / (pairs.length * 2);

const percent = (share: number) => `${(share * 100).toFixed(1)}%`;
const meets = (score: GroupScore | undefined, target: number | undefined): boolean =>
  target === undefined || (score !== undefined && score.right / score.total >= target);
const figure = (score: GroupScore | undefined, target: number | undefined): string => {
  if (!score) return '—';
  const met = target === undefined ? '' : ` ${meets(score, target) ? '✓' : '✗'} ≥ ${percent(target)}`;
  return `${score.right} / ${score.total}, ${percent(score.right / score.total)}${met}`;
};
const row = (score: GroupScore) =>
  `| ${score.group} | ${WHAT[score.group]} | ${figure(score, TARGETS[score.group])} | ${figure(endToEnd.get(score.group), END_TO_END_TARGETS[score.group])} |`;
const lines = [
  '| group | pairs | judge alone | end to end (JSON and sentence answers, parsed, normalised, CSV labels) |',
  '| --- | --- | --- | --- |',
  ...scores.map(row),
  '',
  `A judgement takes ${coldMs.toFixed(2)} ms on average the first time (WordNet read from disk), ${warmMs.toFixed(3)} ms once cached;`,
  `end to end, ${endToEndMs.toFixed(2)} ms per answer.`,
];
if (showMisses) {
  for (const { group, misses } of scores) {
    for (const miss of misses) lines.push(`- ${group}: ${miss.answer} / ${miss.label}: ${miss.explanation}`);
  }
  for (const { group, misses } of endToEnd.values()) {
    for (const miss of misses) lines.push(`- ${group}, end to end: ${miss.answer} / ${miss.label}: ${miss.explanation}`);
  }
}
process.stdout.write(`${lines.join('\n')}\n`);
const allMet = scores.every(
  (score) => meets(score, TARGETS[score.group]) && meets(endToEnd.get(score.group), END_TO_END_TARGETS[score.group]),
);
process.exitCode = allMet ? 0 : 1;
