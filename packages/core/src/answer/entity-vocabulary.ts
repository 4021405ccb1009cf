/**
 * The closed word lists behind `normaliseEntity`. They are closed on purpose: an entity label must be
 * predictable, and a list a reviewer can read beats a heuristic nobody can predict.
 */

/**
 * Leading words that say how many, or in what kind of picture, but not what. Matched at the start of the
 * phrase, repeatedly, so "a close-up of two puppies" loses "a close-up of", then "two".
 */
// prettier-ignore
export const LEADING_QUALIFIERS: readonly string[] = [
  'a', 'an', 'the', 'this', 'that', 'these', 'those', 'its', 'their', 'his', 'her', 'my', 'our', 'your',
  'some', 'any', 'several', 'many', 'multiple', 'various', 'numerous', 'few', 'both', 'all', 'each', 'every',
  'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'eleven', 'twelve', 'twenty',
  'single', 'lone', 'just', 'only', 'another', 'dozen', '\\d+',
  // hedges: "probably a cat" is a cat
  'probably', 'possibly', 'likely', 'most likely', 'maybe', 'perhaps', 'mostly', 'mainly', 'definitely',
  'clearly', 'certainly', 'apparently', 'simply', 'basically', 'actually', 'obviously', 'seemingly',
  // "a couple of" only: "a couple" alone is two people, an entity
  '(?:dozens|hundreds|thousands|lots|plenty|couple|number|lot) of',
  // collections: the members are the entity ("a flock of birds" is birds)
  '(?:group|pair|set|collection|assortment|variety|bunch|pile|stack|row|herd|flock|pack|swarm|school|litter|' +
    'team|crowd|family|cluster|bouquet|batch|handful|plate|bowl|slice|piece|field)s? of',
  '(?:kind|type|sort|species|breed)s? of',
  // the picture itself: "a photo of a cat" is a cat
  '(?:close[- ]?up(?: view| shot| photo)?|photo|photograph|picture|image|shot|snapshot|view|portrait|' +
    'illustration|drawing|painting|rendering|render|sketch|depiction|scene|silhouette)s? of',
];

/** Words that end the noun phrase: verbs, prepositions, conjunctions and relative pronouns. */
// prettier-ignore
export const PHRASE_ENDERS: ReadonlySet<string> = new Set([
  'is', 'are', 'was', 'were', 'be', 'being', 'been', 'has', 'have', 'had', 'does', 'do', "isn't", "aren't",
  'that', 'which', 'who', 'whom', 'whose', 'where', 'while', 'whilst', 'when', 'as', 'and', 'or', 'but', 'nor',
  'with', 'without', 'within', 'on', 'onto', 'upon', 'in', 'into', 'inside', 'outside', 'at', 'near', 'next',
  'by', 'beside', 'besides', 'behind', 'under', 'underneath', 'over', 'above', 'below', 'beneath', 'against',
  'from', 'to', 'toward', 'towards', 'of', 'during', 'among', 'amongst', 'between', 'through', 'throughout',
  'across', 'along', 'alongside', 'around', 'atop', 'amid', 'amidst', 'beyond', 'past', 'via', 'for', 'like',
  'than', 'so', 'because', 'if', 'then', 'also', 'too', 'here', 'there', 'sits', 'sit', 'stands', 'lies', 'lie',
  'rests', 'appears', 'appear', 'looks', 'seems', 'seem', 'can', 'could', 'may', 'might', 'would', 'will',
  'should', 'shall', 'must', 'such', 'including', 'featuring', 'wearing', 'holding', 'placed', 'located',
  'positioned', 'perched', 'covered', 'surrounded', 'filled', 'made', 'captured', 'taken', 'shown', 'seen',
  'visible', 'depicted', 'pictured',
]);

/** Words ending in -ing that are nouns, never the start of a participle clause. */
// prettier-ignore
export const ING_NOUNS: ReadonlySet<string> = new Set([
  'building', 'painting', 'ceiling', 'wedding', 'clothing', 'string', 'spring', 'swing', 'wing', 'ring', 'king',
  'thing', 'sling', 'earring', 'sibling', 'duckling', 'seedling', 'sapling', 'dumpling', 'pudding', 'stuffing',
  'awning', 'icing', 'frosting', 'lightning', 'morning', 'evening', 'railing', 'bedding', 'drawing', 'carving',
  'crossing', 'landing', 'stocking', 'herring', 'whiting', 'viking', 'filling', 'topping', 'offspring',
  'gosling', 'starling', 'darling', 'housing', 'piping', 'siding', 'flooring', 'tiling',
]);

/**
 * -ing words that usually modify a following noun ("running shoes", "sleeping bag") but also start clauses
 * ("a dog running in the park"): kept only when another noun follows.
 */
// prettier-ignore
export const ING_MODIFIERS: ReadonlySet<string> = new Set([
  'running', 'sleeping', 'dining', 'living', 'swimming', 'washing', 'sewing', 'fishing', 'parking', 'shopping',
  'cutting', 'ironing', 'rolling', 'frying', 'baking', 'racing', 'rocking', 'folding', 'vending', 'reading',
  'walking', 'climbing', 'diving', 'bowling', 'boxing', 'skating', 'sailing', 'surfing', 'waiting', 'changing',
  'hiking', 'mixing', 'writing', 'drinking', 'serving', 'wrapping', 'watering', 'hearing',
]);

/** Particles that, after a past participle, show a clause ("a cat curled up", "a dog tied to a post"). */
// prettier-ignore
export const PARTICIPLE_PARTICLES: ReadonlySet<string> = new Set([
  'in', 'on', 'up', 'at', 'by', 'with', 'over', 'under', 'across', 'around', 'against', 'to', 'into', 'onto',
  'out', 'down', 'near', 'inside', 'beside', 'atop', 'from', 'next', 'together', 'behind', 'beneath', 'as',
]);

/**
 * Leading adjectives of colour, size, age and charm, dropped because a label names the kind of thing:
 * "small brown dog" and "black cat" are labelled "dog" and "cat". The head noun itself is never dropped.
 */
// prettier-ignore
export const DROPPABLE_ADJECTIVES: ReadonlySet<string> = new Set([
  'black', 'white', 'brown', 'grey', 'gray', 'red', 'orange', 'yellow', 'green', 'blue', 'purple', 'violet',
  'pink', 'golden', 'gold', 'silver', 'beige', 'tan', 'cream', 'ivory', 'dark', 'light', 'bright', 'pale',
  'colorful', 'colourful', 'multicolored', 'multicoloured', 'striped', 'spotted', 'tabby', 'ginger', 'calico',
  'brindle', 'dappled', 'teal', 'turquoise', 'maroon', 'navy', 'crimson', 'scarlet', 'blond', 'blonde',
  'big', 'small', 'little', 'large', 'tiny', 'huge', 'enormous', 'massive', 'tall', 'short', 'long', 'fat',
  'thin', 'skinny', 'chubby', 'plump', 'young', 'old', 'elderly', 'adult', 'juvenile', 'baby', 'miniature',
  'mini', 'cute', 'fluffy', 'furry', 'adorable', 'beautiful', 'pretty', 'lovely', 'handsome', 'majestic',
  'happy', 'sleepy', 'playful', 'curious', 'friendly', 'lonely', 'shiny', 'fresh', 'ripe', 'delicious',
  'tasty', 'vibrant', 'vivid', 'stunning', 'gorgeous', 'charming', 'domestic', 'vintage', 'very', 'really',
  'quite', 'rather', 'extremely', 'super', 'close-up', 'closeup', 'medium', 'medium-sized', 'small-sized',
  'large-sized', 'light-colored', 'dark-colored',
]);

/** Names in which a dropped adjective is part of the kind ("red panda" is not a panda). */
// prettier-ignore
export const PROTECTED_COMPOUNDS: readonly string[] = [
  'red panda', 'black panther', 'black widow', 'blue whale', 'blue jay', 'golden retriever', 'great dane',
  'orange juice', 'white house', 'big ben', 'little owl', 'baby carriage', 'baby stroller', 'green tea',
  'black hole', 'red carpet', 'gold medal', 'silver medal', 'light bulb', 'light switch', 'long boat',
  'golden gate', 'little red riding hood', 'white rhino', 'black rhino', 'grey whale', 'gray whale',
];

/** Whether a result says "I could not tell" rather than names something ("unknown", "not entirely clear"). */
export function isNonAnswer(entity: string): boolean {
  return NON_ANSWERS.has(entity) || /^(?:not|no|un(?:clear|known|certain|sure|identifi\w*))(?:\s|$)/.test(entity);
}

// prettier-ignore
const NON_ANSWERS: ReadonlySet<string> = new Set([
  'unknown', 'none', 'nothing', 'n/a', 'na', 'null', 'undefined', 'unclear', 'not sure', 'unsure', 'uncertain',
  'unidentified', 'unidentifiable', 'undetermined', 'indeterminate', "i don't know", 'i do not know', 'no idea',
  'no entity', 'no main entity', 'not applicable', 'not clear', 'cannot determine', "can't tell", 'nan',
]);

/** Results that name the picture or the question rather than the entity in it. */
// prettier-ignore
export const META_WORDS: ReadonlySet<string> = new Set([
  'image', 'picture', 'photo', 'photograph', 'entity', 'main entity', 'subject', 'main subject', 'object',
  'main object', 'answer', 'json', 'it', 'this', 'that', 'here', 'sure', 'yes', 'no', 'okay', 'ok', 'certainly',
  'response', 'output', 'result', 'scene', 'main', 'following', 'frame',
  // vague fillers of rambling answers ("there's a lot going on", "in the center")
  'lot', 'something', 'thing', 'stuff', 'detail', 'element', 'item', 'feature', 'variety', 'background',
  'foreground', 'center', 'centre', 'middle', 'left', 'right', 'top', 'bottom', 'side', 'front', 'view',
  // a determiner left alone by a cut-off answer ("The main entity of the image is a")
  'a', 'an', 'the', 'these', 'those', 'some', 'any', 'its', 'their', 'my', 'your',
]);
