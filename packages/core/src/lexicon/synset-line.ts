/** One noun synset of WordNet 3.1: a set of words with one meaning, and the pointers matching needs. */
export interface NounSynset {
  /** Byte offset of the synset's line in `data.noun`: WordNet's own synset id. */
  offset: number;
  /** Lexicographer file: 5 noun.animal, 6 noun.artifact, 15 noun.location, 17 noun.object, 20 noun.plant... */
  lexFile: number;
  /** The synset's words, lowercase, with spaces ("golden retriever"). */
  words: string[];
  /** The same words as WordNet writes them, capitals kept ("Labrador retriever"): proper names show. */
  written: string[];
  /** `@` and `@i`: the more general synsets this one is a kind (or an instance) of. */
  hypernyms: number[];
  /** `#p`: the wholes this synset is a part of ("beach" is part of "shore"). */
  partHolonyms: number[];
  /** The definition, without the example sentences. */
  gloss: string;
}

/** `offset lex_filenum ss_type w_cnt word lex_id [word lex_id...] p_cnt [ptr...] | gloss` */
export function parseSynset(line: string, offset: number): NounSynset {
  const bar = line.indexOf(' | ');
  const fields = (bar === -1 ? line : line.slice(0, bar)).trim().split(' ');
  if (Number(fields[0]) !== offset) throw new Error(`WordNet's data.noun has no synset at byte ${offset}`);
  const wordCount = Number.parseInt(fields[3] ?? '0', 16);
  const written = Array.from({ length: wordCount }, (_, i) => (fields[4 + i * 2] ?? '').replace(/_/g, ' '));
  const words = written.map((word) => word.toLowerCase());
  const pointerStart = 4 + wordCount * 2;
  const pointerCount = Number(fields[pointerStart]);
  const hypernyms: number[] = [];
  const partHolonyms: number[] = [];
  for (let i = 0; i < pointerCount; i++) {
    const at = pointerStart + 1 + i * 4;
    const [symbol, target, pos] = [fields[at], Number(fields[at + 1]), fields[at + 2]];
    if (pos !== 'n') continue;
    if (symbol === '@' || symbol === '@i') hypernyms.push(target);
    else if (symbol === '#p') partHolonyms.push(target);
  }
  const gloss = bar === -1 ? '' : line.slice(bar + 3).trim();
  return { offset, lexFile: Number(fields[1]), words, written, hypernyms, partHolonyms, gloss: definitionOf(gloss) };
}

/** A gloss is `definition; "example"; "example"`: keep the definition. */
function definitionOf(gloss: string): string {
  const quote = gloss.search(/;?\s*"/);
  return (quote === -1 ? gloss : gloss.slice(0, quote)).trim();
}
