package dev.cnm.core;

import java.util.function.Predicate;
import java.util.random.RandomGenerator;

/**
 * Generated container names, {@code <adjective>_<surname>}, with Docker's rules (moby {@code
 * namesgenerator} and {@code daemon/names.go}): the pair {@code boring_wozniak} is never used
 * ("Steve Wozniak is not boring"); a name is tried up to six times, the first plain and the
 * next five with one random digit appended; when all six are taken the short id is the name.
 *
 * <p>The word lists are cnm's own, in Docker's spirit: moods and famous scientists and inventors.
 */
final class NameGenerator {
  static final String[] ADJECTIVES = {
    "admiring", "adoring", "affectionate", "agitated", "amazing", "angry", "awesome", "beautiful",
    "blissful", "bold", "boring", "brave", "busy", "calm", "charming", "clever", "compassionate",
    "competent", "condescending", "confident", "cool", "cranky", "crazy", "dazzling", "determined",
    "distracted", "dreamy", "eager", "ecstatic", "elastic", "elated", "elegant", "eloquent",
    "epic", "exciting", "fervent", "festive", "flamboyant", "focused", "friendly", "frosty",
    "funny", "gallant", "gifted", "goofy", "gracious", "great", "happy", "hardcore", "heuristic",
    "hopeful", "hungry", "infallible", "inspiring", "intelligent", "interesting", "jolly",
    "jovial", "keen", "kind", "laughing", "loving", "lucid", "magical", "modest", "musing",
    "mystifying", "naughty", "nervous", "nice", "nifty", "nostalgic", "objective", "optimistic",
    "peaceful", "pedantic", "pensive", "practical", "priceless", "quirky", "quizzical",
    "recursing", "relaxed", "reverent", "romantic", "sad", "serene", "sharp", "silly", "sleepy",
    "stoic", "strange", "stupefied", "suspicious", "sweet", "tender", "thirsty", "trusting",
    "unruffled", "upbeat", "vibrant", "vigilant", "vigorous", "wizardly", "wonderful", "xenodochial",
    "youthful", "zealous", "zen",
  };

  static final String[] SURNAMES = {
    "agnesi", "albattani", "allen", "almeida", "antonelli", "archimedes", "ardinghelli", "aryabhata",
    "austin", "babbage", "banach", "banzai", "bardeen", "bartik", "bassi", "beaver", "bell", "benz",
    "bhabha", "bhaskara", "black", "blackburn", "blackwell", "bohr", "booth", "borg", "bose",
    "bouman", "boyd", "brahmagupta", "brattain", "brown", "buck", "burnell", "cannon", "carson",
    "cartwright", "carver", "cerf", "chandrasekhar", "chaplygin", "chatelet", "chatterjee",
    "chaum", "chebyshev", "clarke", "cohen", "colden", "cori", "cray", "curie", "curran", "darwin",
    "davinci", "dewdney", "dhawan", "diffie", "dijkstra", "dirac", "driscoll", "dubinsky",
    "easley", "edison", "einstein", "elbakyan", "elgamal", "elion", "ellis", "engelbart", "euclid",
    "euler", "faraday", "feistel", "fermat", "fermi", "feynman", "franklin", "gagarin", "galileo",
    "galois", "ganguly", "gates", "gauss", "germain", "goldberg", "goldstine", "goldwasser",
    "golick", "goodall", "gould", "greider", "grothendieck", "haibt", "hamilton", "haslett",
    "hawking", "heisenberg", "hellman", "hermann", "herschel", "hertz", "heyrovsky", "hodgkin",
    "hofstadter", "hoover", "hopper", "hugle", "hypatia", "ishizaka", "jackson", "jang", "jemison",
    "jennings", "jepsen", "johnson", "joliot", "jones", "kalam", "kapitsa", "kare", "keldysh",
    "keller", "kepler", "khayyam", "khorana", "kilby", "kirch", "knuth", "kowalevski", "lalande",
    "lamarr", "lamport", "leakey", "leavitt", "lederberg", "lehmann", "lewin", "lichterman",
    "liskov", "lovelace", "lumiere", "mahavira", "margulis", "matsumoto", "maxwell", "mayer",
    "mccarthy", "mcclintock", "mclaren", "mclean", "mcnulty", "meitner", "mendel", "mendeleev",
    "meninsky", "merkle", "mestorf", "mirzakhani", "montalcini", "moore", "morse", "moser",
    "murdock", "napier", "nash", "neumann", "newton", "nightingale", "nobel", "noether",
    "northcutt", "noyce", "panini", "pare", "pascal", "pasteur", "payne", "perlman", "pike",
    "poincare", "poitras", "proskuriakova", "ptolemy", "raman", "ramanujan", "rhodes", "ride",
    "ritchie", "robinson", "roentgen", "rosalind", "rubin", "saha", "sammet", "sanderson",
    "satoshi", "shamir", "shannon", "shaw", "shirley", "shockley", "shtern", "sinoussi",
    "snyder", "solomon", "spence", "stonebraker", "sutherland", "swanson", "swartz", "swirles",
    "taussig", "tesla", "tharp", "thompson", "torvalds", "tu", "turing", "varahamihira",
    "vaughan", "villani", "visvesvaraya", "volhard", "wescoff", "wilbur", "wiles", "williams",
    "williamson", "wilson", "wing", "wozniak", "wright", "wu", "yalow", "yonath", "zhukovsky",
  };

  private NameGenerator() {}

  /** One random {@code adjective_surname}, never {@code boring_wozniak}. */
  static String randomName(RandomGenerator random) {
    while (true) {
      String name = ADJECTIVES[random.nextInt(ADJECTIVES.length)] + "_" + SURNAMES[random.nextInt(SURNAMES.length)];
      if (!name.equals("boring_wozniak")) {
        return name;
      }
    }
  }

  /**
   * A free generated name: up to six tries, the first plain, the rest with a random digit
   * appended; the short id when all six are taken.
   */
  static String freeName(RandomGenerator random, Predicate<String> isFree, String id) {
    for (int attempt = 0; attempt < 6; attempt++) {
      String name = randomName(random);
      if (attempt > 0) {
        name = name + random.nextInt(10);
      }
      if (isFree.test(name)) {
        return name;
      }
    }
    return Ids.shortId(id);
  }
}
