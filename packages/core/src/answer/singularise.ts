/**
 * English singular of one lowercase word, for the head noun of an entity label ("puppies" -> "puppy"), so
 * that a photo of three puppies and one of a single puppy get the same label. It changes only what it is
 * sure of: a word that is already singular ("glass", "bus", "species", "analysis") comes back unchanged,
 * and so does any word that is not plain ASCII English ("кошки" is left to the user).
 */

// prettier-ignore
const IRREGULAR: Readonly<Record<string, string>> = {
  people: 'person', children: 'child', mice: 'mouse', geese: 'goose', teeth: 'tooth', feet: 'foot',
  men: 'man', women: 'woman', oxen: 'ox', lice: 'louse', cacti: 'cactus', fungi: 'fungus', octopi: 'octopus',
  // -f / -fe nouns; other -ves words ("olives", "gloves", "waves") just drop the s
  leaves: 'leaf', wolves: 'wolf', knives: 'knife', wives: 'wife', lives: 'life', halves: 'half',
  shelves: 'shelf', loaves: 'loaf', calves: 'calf', thieves: 'thief', elves: 'elf', scarves: 'scarf',
  hooves: 'hoof', sheaves: 'sheaf', wharves: 'wharf', dwarves: 'dwarf', housewives: 'housewife',
  // -o nouns that take -es; "shoes", "toes", "canoes" just drop the s
  potatoes: 'potato', tomatoes: 'tomato', heroes: 'hero', mangoes: 'mango', volcanoes: 'volcano',
  dominoes: 'domino', mosquitoes: 'mosquito', buffaloes: 'buffalo', echoes: 'echo', torpedoes: 'torpedo',
  tornadoes: 'tornado', flamingoes: 'flamingo', avocadoes: 'avocado', cargoes: 'cargo', dingoes: 'dingo',
  quizzes: 'quiz', lenses: 'lens', buses: 'bus', gases: 'gas', atlases: 'atlas', canvases: 'canvas',
  axes: 'axe', irises: 'iris',
};

/** Words that end like plurals but are singular, or have no singular a label would use. */
// prettier-ignore
const UNCHANGED = new Set([
  'species', 'series', 'news', 'lens', 'bus', 'gas', 'atlas', 'canvas', 'alias', 'bias', 'pancreas',
  'christmas', 'sheep', 'deer', 'fish', 'moose', 'bison', 'salmon', 'trout', 'shrimp', 'aircraft',
  'spacecraft', 'cattle', 'police', 'swiss', 'dice', 'rhinoceros', 'cosmos', 'chaos', 'kudos', 'asbestos',
  'pathos', 'ethos', 'mathematics', 'physics', 'gymnastics', 'athletics', 'politics', 'electronics',
  'pants', 'jeans', 'trousers', 'shorts', 'scissors', 'glasses', 'sunglasses', 'eyeglasses', 'goggles',
  'binoculars', 'pliers', 'tongs', 'tweezers', 'leggings', 'pajamas', 'pyjamas', 'overalls', 'tights',
  'headphones', 'earphones', 'clothes', 'stairs', 'measles', 'billiards', 'darts', 'tennis', 'iris',
  'trellis', 'chassis', 'penis', 'pelvis', 'mantis', 'clematis', 'cannabis', 'epidermis', 'ibis',
  'chrysalis', 'debris', 'marquis', 'metropolis', 'acropolis', 'yes', 'this', 'its', 'his', 'hers', 'ours',
  'always', 'perhaps', 'various', 'famous', 'numerous', 'delicious', 'nervous', 'gorgeous', 'previous',
  'savings', 'congratulations', 'thanks', 'suds', 'axis', 'paris', 'analysis',
]);

/** Singulars ending in -che: the plural drops only the s ("niches"), unlike "benches" -> "bench". */
const CHE_SINGULARS = new RegExp(
  '(?:niche|cache|quiche|cliche|psyche|^ache|headache|toothache|stomachache|backache|earache|moustache|' +
    'mustache|avalanche|creche|brioche|gouache|pastiche|cloche|douche)$',
);

/** Singulars ending in -men that are not compounds of "man". */
const MEN_SINGULARS = /(?:specimen|abdomen|omen|semen|stamen|hymen|regimen|acumen|albumen|bitumen|lumen|rumen|yemen|ramen|amen)$/;

/** Movie, cookie, pie: -ie nouns whose plural must not become -y. */
// prettier-ignore
const IE_SINGULARS = new Set([
  'movie', 'cookie', 'pie', 'tie', 'lie', 'die', 'brownie', 'zombie', 'selfie', 'smoothie', 'hoodie',
  'collie', 'budgie', 'beanie', 'pixie', 'calorie', 'rookie', 'veggie', 'goalie', 'hippie', 'genie',
  'magpie', 'birdie', 'doggie', 'kiltie', 'prairie', 'eerie', 'auntie', 'sweetie', 'necktie', 'bootie',
  'specie', 'bowtie', 'walkie-talkie', 'yorkie', 'coolie', 'hankie', 'cutie', 'indie', 'boogie',
]);

export function singularise(word: string): string {
  if (!/^[a-z][a-z'-]*[a-z]$/.test(word)) return word;
  const irregular = IRREGULAR[word];
  if (irregular !== undefined) return irregular;
  if (word.length < 4 || UNCHANGED.has(word)) return word;
  if (word.endsWith("'s")) return word.slice(0, -2);
  // Compounds of irregulars: "firemen", "snowmen", "businesswomen", "grandchildren".
  const compound = /^(.+?)(women|men|children|people|teeth|feet)$/.exec(word);
  if (compound && !MEN_SINGULARS.test(word)) return `${compound[1]}${IRREGULAR[compound[2] ?? ''] ?? ''}`;
  // Other -is singulars ("tennis", "axis") are listed; "taxis", "kiwis" and "skis" are plurals.
  if (!word.endsWith('s') || /(?:ss|us|sis|itis)$/.test(word)) return word;

  if (word.endsWith('ies')) {
    const ie = word.slice(0, -1);
    return IE_SINGULARS.has(ie) || word.length <= 4 ? ie : `${word.slice(0, -3)}y`;
  }
  if (/(?:sses|shes|xes|tzes|zzes)$/.test(word)) return word.slice(0, -2);
  if (word.endsWith('ches')) return CHE_SINGULARS.test(word.slice(0, -1)) ? word.slice(0, -1) : word.slice(0, -2);
  // -uses: "cactuses", "circuses", "viruses" drop -es; "houses", "blouses", "causes" drop -s.
  if (word.endsWith('uses')) {
    return /(?:ouses|auses|fuses|muses|xcuses)$/.test(word) ? word.slice(0, -1) : word.slice(0, -2);
  }
  return word.slice(0, -1);
}
