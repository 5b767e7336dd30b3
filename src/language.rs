//! Languages: which stemmer, function words and negation cues apply.

use crate::text::hash::WordTable;

use serde::{Deserialize, Serialize};

/// The language of a rubric's answers.
///
/// It selects the Snowball stemmer, the list of function words (used to tell
/// explained prose from bare keyword lists) and the negation cues.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
#[allow(missing_docs)]
pub enum Language {
    Arabic,
    Danish,
    Dutch,
    #[default]
    English,
    Finnish,
    French,
    German,
    Greek,
    Hungarian,
    Italian,
    Norwegian,
    Portuguese,
    Romanian,
    Russian,
    Spanish,
    Swedish,
    Tamil,
    Turkish,
}

impl Language {
    pub(crate) fn algorithm(self) -> rust_stemmers::Algorithm {
        use rust_stemmers::Algorithm as A;
        match self {
            Language::Arabic => A::Arabic,
            Language::Danish => A::Danish,
            Language::Dutch => A::Dutch,
            Language::English => A::English,
            Language::Finnish => A::Finnish,
            Language::French => A::French,
            Language::German => A::German,
            Language::Greek => A::Greek,
            Language::Hungarian => A::Hungarian,
            Language::Italian => A::Italian,
            Language::Norwegian => A::Norwegian,
            Language::Portuguese => A::Portuguese,
            Language::Romanian => A::Romanian,
            Language::Russian => A::Russian,
            Language::Spanish => A::Spanish,
            Language::Swedish => A::Swedish,
            Language::Tamil => A::Tamil,
            Language::Turkish => A::Turkish,
        }
    }

    fn iso_code(self) -> &'static str {
        match self {
            Language::Arabic => "ar",
            Language::Danish => "da",
            Language::Dutch => "nl",
            Language::English => "en",
            Language::Finnish => "fi",
            Language::French => "fr",
            Language::German => "de",
            Language::Greek => "el",
            Language::Hungarian => "hu",
            Language::Italian => "it",
            Language::Norwegian => "no",
            Language::Portuguese => "pt",
            Language::Romanian => "ro",
            Language::Russian => "ru",
            Language::Spanish => "es",
            Language::Swedish => "sv",
            Language::Tamil => "ta",
            Language::Turkish => "tr",
        }
    }

    /// Function words (articles, pronouns, auxiliaries, prepositions ...).
    pub(crate) fn function_words(self) -> &'static [&'static str] {
        stop_words::lookup(self.iso_code()).unwrap_or(&[])
    }

    /// Words that negate what follows them in their clause.
    pub(crate) fn negators(self) -> &'static [&'static str] {
        match self {
            Language::English => &[
                "not", "no", "never", "neither", "nor", "cannot", "nothing", "none", "nobody",
                "hardly", "rarely", "seldom", "lacks", "lack", "dont", "doesnt", "didnt", "isnt",
                "arent", "wasnt", "werent", "cant", "wont", "shouldnt", "wouldnt", "couldnt",
                "hasnt", "havent",
            ],
            Language::German => &[
                "nicht", "kein", "keine", "keinen", "keinem", "keiner", "keines", "nie", "niemals",
                "ohne", "weder", "nichts",
            ],
            Language::French => &[
                "ne", "n'", "pas", "jamais", "sans", "aucun", "aucune", "ni", "rien",
            ],
            Language::Spanish => &[
                "no", "nunca", "sin", "ni", "jamás", "ningún", "ninguna", "nada",
            ],
            Language::Italian => &["non", "mai", "senza", "né", "nessun", "nessuno", "nessuna"],
            Language::Portuguese => &["não", "nunca", "sem", "nem", "nenhum", "nenhuma", "nada"],
            Language::Dutch => &["niet", "geen", "nooit", "zonder", "noch", "niets"],
            _ => &[],
        }
    }

    /// Negators that govern only the word right after them ("non-blocking").
    pub(crate) fn prefix_negators(self) -> &'static [&'static str] {
        match self {
            Language::English => &["non"],
            _ => &[],
        }
    }

    /// Words that negate only the few words right after them: a preposition
    /// whose object is negated ("without an index, the database scans every
    /// row" negates the index, not the scan).
    pub(crate) fn short_negators(self) -> &'static [&'static str] {
        match self {
            Language::English => &["without"],
            _ => &[],
        }
    }

    /// Words that turn a dismissal of everything said into a condition on
    /// it: "none of it works *without* load testing" says load testing is
    /// needed, "none of this matters *unless* you measure" asks to measure.
    pub(crate) fn exceptives(self) -> &'static [&'static str] {
        match self {
            Language::English => &["without", "unless", "except", "until"],
            _ => &[],
        }
    }

    /// Words that open a condition: a negator after one, in the same
    /// stretch of its sentence, describes the condition and denies nothing
    /// ("*when* there is no session we return 401", "*if* the key is not
    /// in the cache, we read the database").
    pub(crate) fn condition_openers(self) -> &'static [&'static str] {
        match self {
            Language::English => &["if", "when", "whenever"],
            _ => &[],
        }
    }

    /// Words that, after the first words of a condition and a word that
    /// is not a function word, open its main clause when no comma marks it:
    /// "if the consumer crashes *the* message is not lost", "when there is
    /// no session *we* return 401".
    pub(crate) fn main_clause_openers(self) -> &'static [&'static str] {
        match self {
            Language::English => &[
                "we", "you", "it", "they", "i", "he", "she", "there", "then", "the", "a", "an",
                "this", "that", "these", "those", "its", "their", "our", "your", "my",
            ],
            _ => &[],
        }
    }

    /// Two-word cues that negate the few words after them ("instead of waiting").
    pub(crate) fn negating_pairs(self) -> &'static [(&'static str, &'static str)] {
        match self {
            Language::English => &[("instead", "of"), ("rather", "than")],
            _ => &[],
        }
    }

    /// A negator followed by one of these is not a negation ("not only").
    pub(crate) fn negation_exceptions(self) -> &'static [(&'static str, &'static str)] {
        match self {
            Language::English => &[
                ("not", "only"),
                ("not", "just"),
                ("not", "merely"),
                ("not", "simply"),
                ("no", "matter"),
                ("no", "doubt"),
                ("without", "doubt"),
                ("nothing", "but"),
                ("not", "least"),
            ],
            Language::German => &[("nicht", "nur")],
            Language::French => &[("non", "seulement")],
            Language::Spanish => &[("no", "solo"), ("no", "sólo")],
            _ => &[],
        }
    }

    /// Words that, just before a negator, make it deny sufficiency rather
    /// than either side: "POST *alone* does not stop CSRF", "a cache *by
    /// itself* doesn't make a system scale" deny neither POST nor CSRF.
    pub(crate) fn sufficiency_words(self) -> &'static [&'static str] {
        match self {
            Language::English => &["alone", "itself", "themselves", "solely"],
            _ => &[],
        }
    }

    /// Degree words that may stand between two words of a phrase without
    /// changing what it says: "is *totally* safe" states "is safe", "makes
    /// inserts *much* faster" states "makes inserts faster". Hedges and
    /// negators are not among them.
    pub(crate) fn degree_words(self) -> &'static [&'static str] {
        match self {
            Language::English => &[
                "totally",
                "completely",
                "perfectly",
                "entirely",
                "absolutely",
                "fully",
                "really",
                "very",
                "quite",
                "pretty",
                "super",
                "extremely",
                "truly",
                "actually",
                "basically",
                "much",
                "far",
            ],
            _ => &[],
        }
    }

    /// Words that soften a negator before them ("not always"): see
    /// `Negator::Hedge`.
    pub(crate) fn hedges(self) -> &'static [&'static str] {
        match self {
            Language::English => &["always"],
            Language::German => &["immer"],
            Language::French => &["toujours"],
            Language::Spanish => &["siempre"],
            _ => &[],
        }
    }

    /// Words that start a new clause, ending the scope of a negation.
    pub(crate) fn clause_breakers(self) -> &'static [&'static str] {
        match self {
            Language::English => &[
                "but",
                "however",
                "whereas",
                "while",
                "although",
                "though",
                "yet",
                "and",
                "because",
                "since",
                "so",
                "which",
                "unlike",
                "instead",
                "then",
                "therefore",
                "thus",
                "whilst",
                "meanwhile",
                "otherwise",
            ],
            Language::German => &[
                "aber", "sondern", "während", "obwohl", "und", "oder", "weil", "denn",
            ],
            Language::French => &[
                "mais", "alors", "tandis", "bien", "et", "ou", "car", "parce",
            ],
            Language::Spanish => &["pero", "sino", "mientras", "aunque", "y", "o", "porque"],
            _ => &[],
        }
    }

    /// Words that turn a sentence against what came before ("but",
    /// "whereas"): a claim's parts never straddle one.
    pub(crate) fn contrast_words(self) -> &'static [&'static str] {
        match self {
            Language::English => &[
                "but",
                "however",
                "whereas",
                "while",
                "although",
                "though",
                "yet",
                "unlike",
                "instead",
                "otherwise",
                "whilst",
            ],
            Language::German => &["aber", "sondern", "während", "obwohl"],
            Language::French => &["mais", "tandis"],
            Language::Spanish => &["pero", "sino", "mientras", "aunque"],
            _ => &[],
        }
    }

    /// Words that, negated right after a term, dismiss it: "selectivity
    /// doesn't *matter*", "load balancing isn't really *needed*".
    pub(crate) fn dismissal_predicates(self) -> &'static [&'static str] {
        match self {
            Language::English => &[
                "matter",
                "matters",
                "needed",
                "necessary",
                "required",
                "exist",
                "exists",
                "work",
                "works",
                "thing",
                "important",
                "real",
                "apply",
                "applies",
                "true",
                "relevant",
                "useful",
                "help",
                "helps",
                "case",
                "accurate",
            ],
            _ => &[],
        }
    }

    /// Words that dismiss a term standing just before them, with no
    /// negator: "non-blocking is mostly *marketing*", "decoupling is a
    /// *myth*".
    pub(crate) fn dismissal_words(self) -> &'static [&'static str] {
        match self {
            Language::English => &[
                "myth",
                "marketing",
                "overrated",
                "buzzword",
                "buzzwords",
                "useless",
                "pointless",
                "irrelevant",
                "unnecessary",
                "hype",
                "nonsense",
                "gimmick",
                "negligible",
                "outdated",
                "obsolete",
                "overkill",
                "exaggerated",
                "misconception",
                "bureaucracy",
                "relic",
            ],
            _ => &[],
        }
    }

    /// Verbs that open a definition of the term before them: "X *is* Y",
    /// "X *means* Y" (see `definition`).
    pub(crate) fn defining_verbs(self) -> &'static [&'static str] {
        match self {
            Language::English => &[
                "is", "are", "means", "mean", "refers", "stands", "where", "that's", "thats",
            ],
            _ => &[],
        }
    }

    /// Words that may stand between a defined term and its verb, or between
    /// the verb and the definition: "X is *basically* Y", "X, *which* is Y",
    /// "X refers *to* Y".
    pub(crate) fn definition_fillers(self) -> &'static [&'static str] {
        match self {
            Language::English => &[
                "basically",
                "just",
                "simply",
                "really",
                "actually",
                "essentially",
                "only",
                "mostly",
                "merely",
                "literally",
                "probably",
                "usually",
                "often",
                "also",
                "typically",
                "generally",
                "normally",
                "still",
                "which",
                "to",
                "for",
            ],
            _ => &[],
        }
    }

    /// Sounds of hesitation, which may stand between a term and the
    /// relative that defines it: "sharding, *uh*, that's when ...".
    pub(crate) fn hesitations(self) -> &'static [&'static str] {
        match self {
            Language::English => &["uh", "um", "uhm", "er", "erm", "hmm"],
            _ => &[],
        }
    }

    /// Words that open a clause of its own after a copula: "the downside
    /// is *that* ..." says no more what the subject is.
    pub(crate) fn complementisers(self) -> &'static [&'static str] {
        match self {
            Language::English => &["that", "whether"],
            _ => &[],
        }
    }

    /// Who a reported claim comes from: "*people* say", "*everyone* lists"
    /// (see `attribution`).
    pub(crate) fn reporters(self) -> &'static [&'static str] {
        match self {
            Language::English => &[
                "people",
                "everyone",
                "everybody",
                "textbooks",
                "books",
                "tutorials",
                "articles",
                "blogs",
                "vendors",
                "marketing",
                "interviewers",
                "courses",
                "evangelists",
                "advocates",
                "proponents",
                "fans",
            ],
            _ => &[],
        }
    }

    /// Verbs of saying after a reporter: "people *say*", "everyone *lists*".
    pub(crate) fn reporting_verbs(self) -> &'static [&'static str] {
        match self {
            Language::English => &[
                "say",
                "says",
                "said",
                "list",
                "lists",
                "listed",
                "claim",
                "claims",
                "claimed",
                "mention",
                "mentions",
                "talk",
                "talks",
                "tell",
                "tells",
                "promise",
                "promises",
                "call",
                "calls",
                "sell",
                "sells",
                "praise",
                "praises",
                "preach",
                "preaches",
                "repeat",
                "repeats",
                "recite",
                "recites",
                "quote",
                "quotes",
                "cite",
                "cites",
                "push",
                "pushes",
                "advertise",
                "advertises",
                "brag",
                "hype",
            ],
            _ => &[],
        }
    }

    /// Faint praise that a contrast takes back: "X *sounds good*, but ...",
    /// "X *looks nice on paper*" (verbs of seeming, then words of praise).
    pub(crate) fn faint_praise(self) -> (&'static [&'static str], &'static [&'static str]) {
        match self {
            Language::English => (
                &["sounds", "sound", "looks", "look", "seems", "seem"],
                &[
                    "good",
                    "nice",
                    "great",
                    "fine",
                    "impressive",
                    "elegant",
                    "appealing",
                    "cool",
                ],
            ),
            _ => (&[], &[]),
        }
    }

    /// The listener as reporter, with the few verbs that then report:
    /// "the usual services *you'd list* are ...", "*you hear* a lot about
    /// ..." (not "you call the API").
    pub(crate) fn listener_reports(self) -> (&'static [&'static str], &'static [&'static str]) {
        match self {
            Language::English => (
                &["you", "you'd", "youd", "you'll", "youll", "one"],
                &["hear", "list", "mention", "read"],
            ),
            _ => (&[], &[]),
        }
    }

    /// Words that, just before a noun of [`Language::conventional_nouns`],
    /// call what follows the conventional answer rather than the
    /// candidate's own: "the *textbook* answer", "the *standard* list".
    pub(crate) fn conventional_words(self) -> &'static [&'static str] {
        match self {
            Language::English => &[
                "textbook",
                "standard",
                "usual",
                "typical",
                "classic",
                "official",
                "obvious",
                "canonical",
                "expected",
            ],
            _ => &[],
        }
    }

    /// Nouns for an answer as a whole: "the textbook *answer*", "the
    /// standard *comparison*".
    pub(crate) fn conventional_nouns(self) -> &'static [&'static str] {
        match self {
            Language::English => &[
                "answer",
                "answers",
                "list",
                "checklist",
                "comparison",
                "version",
                "pitch",
                "story",
                "line",
            ],
            _ => &[],
        }
    }

    /// Two words that open a sentence about what holds only on paper: "*in
    /// theory* caching cuts the load".
    pub(crate) fn hypotheticals(self) -> &'static [(&'static str, &'static str)] {
        match self {
            Language::English => &[("in", "theory"), ("on", "paper"), ("supposedly", "")],
            _ => &[],
        }
    }

    /// Nouns that name the terms of a list that follows ("the key
    /// *concepts* are a, b and c").
    pub(crate) fn term_nouns(self) -> &'static [&'static str] {
        match self {
            Language::English => &[
                "concepts",
                "points",
                "terms",
                "keywords",
                "buzzwords",
                "ideas",
                "topics",
                "words",
                "things",
                "aspects",
                "elements",
                "basics",
                "notions",
                "pillars",
                "roles",
                "jobs",
                "duties",
                "responsibilities",
                "functions",
                "features",
                "benefits",
                "advantages",
                "properties",
                "principles",
                "components",
                "parts",
                "types",
                "kinds",
            ],
            _ => &[],
        }
    }

    /// Relative pronouns that attach a definition to the term before them
    /// ("a B-tree, *which* is ...", "vertical scaling, *where* you ...").
    pub(crate) fn relatives(self) -> &'static [&'static str] {
        match self {
            Language::English => &["which", "where", "that's", "thats"],
            _ => &[],
        }
    }

    /// Forms of "to be" that link a term to what dismisses it.
    pub(crate) fn copulas(self) -> &'static [&'static str] {
        match self {
            Language::English => &["is", "are", "was", "were", "be", "been", "sounds", "seems"],
            _ => &[],
        }
    }

    /// Words that point back at what was just said: "none of *these*
    /// matter".
    pub(crate) fn demonstratives(self) -> &'static [&'static str] {
        match self {
            Language::English => &["these", "those", "that", "this", "them", "it"],
            _ => &[],
        }
    }

    /// Quantifiers that, with "of" and a demonstrative, name what was said
    /// as a whole: "*most* of this no longer applies".
    pub(crate) fn quantifiers(self) -> &'static [&'static str] {
        match self {
            Language::English => &["most", "all", "much", "half", "many"],
            _ => &[],
        }
    }

    /// Predicates that, negated after words naming what was said as a
    /// whole, dismiss it, besides the dismissal predicates: "most of that
    /// doesn't *hold* up".
    pub(crate) fn whole_dismissal_predicates(self) -> &'static [&'static str] {
        match self {
            Language::English => &["hold", "holds", "stand", "stands"],
            _ => &[],
        }
    }

    /// Nouns that, after a demonstrative, name what an answer listed: "that
    /// *list* is a relic", "these *points* are overrated".
    pub(crate) fn listed_nouns(self) -> &'static [&'static str] {
        match self {
            Language::English => &[
                "list",
                "lists",
                "stuff",
                "points",
                "benefits",
                "advantages",
                "arguments",
                "answer",
                "version",
                "theory",
                "buzzwords",
                "terms",
                "things",
            ],
            _ => &[],
        }
    }

    /// Relative pronouns that open a restrictive clause: a negation after
    /// one picks some of the term out ("the joins *that* aren't needed")
    /// rather than dismissing it.
    pub(crate) fn restrictives(self) -> &'static [&'static str] {
        match self {
            Language::English => &["that", "who"],
            _ => &[],
        }
    }

    /// Words that open a clause pointing back at what was said before it:
    /// "*that's* a myth", "*it* is not true".
    pub(crate) fn back_references(self) -> &'static [&'static str] {
        match self {
            Language::English => &["that", "this", "it", "that's", "it's", "thats"],
            _ => &[],
        }
    }

    /// Words that call two things one: "X and Y are basically the *same*
    /// thing", "X is *identical* to Y".
    pub(crate) fn sameness_words(self) -> &'static [&'static str] {
        match self {
            Language::English => &["same", "identical", "interchangeable", "equivalent"],
            _ => &[],
        }
    }

    /// Words that may stand between a copula and a sameness word: "are
    /// *pretty much the* same".
    pub(crate) fn sameness_fillers(self) -> &'static [&'static str] {
        match self {
            Language::English => &[
                "the",
                "basically",
                "just",
                "really",
                "essentially",
                "pretty",
                "much",
                "exactly",
                "all",
                "actually",
                "more",
                "or",
                "less",
                "kind",
                "of",
                "literally",
                "totally",
                "completely",
                "practically",
                "effectively",
                "simply",
                "mostly",
            ],
            _ => &[],
        }
    }

    /// Verbs that, besides the copulas, carry a sameness claim: "they *do*
    /// the same thing".
    pub(crate) fn sameness_verbs(self) -> &'static [&'static str] {
        match self {
            Language::English => &["do", "does", "did", "mean", "means", "they're", "theyre"],
            _ => &[],
        }
    }

    /// Words that join the two things a sameness claim is about: "X
    /// *versus* Y is the same".
    pub(crate) fn sameness_joiners(self) -> &'static [&'static str] {
        match self {
            Language::English => &["and", "or", "versus", "vs", "&"],
            _ => &[],
        }
    }

    /// Words that open what a sameness claim's subject is compared with:
    /// "the same *as* Y", "identical *to* Y".
    pub(crate) fn sameness_comparers(self) -> &'static [&'static str] {
        match self {
            Language::English => &["as", "to", "with"],
            _ => &[],
        }
    }

    /// Pronouns that stand for the two things of the clause before: "X
    /// versus Y is just naming, *they're* the same thing".
    pub(crate) fn plural_back_references(self) -> &'static [&'static str] {
        match self {
            Language::English => &["they", "they're", "theyre", "both", "these", "those"],
            _ => &[],
        }
    }

    /// Words that join the items of a list ("a, b and c").
    pub(crate) fn list_connectors(self) -> &'static [&'static str] {
        match self {
            Language::English => &["and", "or", "nor", "plus"],
            Language::German => &["und", "oder"],
            Language::French => &["et", "ou"],
            Language::Spanish => &["y", "o", "e", "u"],
            Language::Italian => &["e", "o", "ed"],
            Language::Portuguese => &["e", "ou"],
            Language::Dutch => &["en", "of"],
            _ => &[],
        }
    }

    /// The contracted negation suffix ("doesn't"), if the language has one.
    pub(crate) fn negation_suffix(self) -> Option<&'static str> {
        match self {
            Language::English => Some("n't"),
            _ => None,
        }
    }
}

/// A set of words fixed in advance: answers only look words up in it, in
/// a [`WordTable`] (a short word costs one probe and no byte loop).
#[derive(Debug, Clone, Default)]
pub(crate) struct WordSet {
    /// The words, each once, in the order first given.
    words: Vec<String>,
    table: WordTable,
}

impl WordSet {
    /// Whether `word` is in the set.
    #[inline]
    pub(crate) fn contains(&self, word: &str) -> bool {
        self.table.get(word).is_some()
    }

    /// The words, each once.
    pub(crate) fn iter(&self) -> std::slice::Iter<'_, String> {
        self.words.iter()
    }
}

impl Extend<String> for WordSet {
    fn extend<I: IntoIterator<Item = String>>(&mut self, words: I) {
        for w in words {
            if !self.words.contains(&w) {
                self.words.push(w);
            }
        }
        self.table = WordTable::new(self.words.iter().map(|w| (w.as_str(), 0)));
    }
}

impl FromIterator<String> for WordSet {
    fn from_iter<I: IntoIterator<Item = String>>(words: I) -> WordSet {
        let mut set = WordSet::default();
        set.extend(words);
        set
    }
}

impl IntoIterator for WordSet {
    type Item = String;
    type IntoIter = std::vec::IntoIter<String>;

    fn into_iter(self) -> Self::IntoIter {
        self.words.into_iter()
    }
}

impl<'a> IntoIterator for &'a WordSet {
    type Item = &'a String;
    type IntoIter = std::slice::Iter<'a, String>;

    fn into_iter(self) -> Self::IntoIter {
        self.words.iter()
    }
}

/// Word lists of a language, folded and ready for lookups.
#[derive(Debug, Clone)]
pub(crate) struct WordLists {
    pub function_words: WordSet,
    pub negators: WordSet,
    pub prefix_negators: WordSet,
    pub short_negators: WordSet,
    pub exceptives: WordSet,
    pub condition_openers: WordSet,
    pub main_clause_openers: WordSet,
    pub clause_breakers: WordSet,
    pub list_connectors: WordSet,
    pub contrast_words: WordSet,
    pub dismissal_predicates: WordSet,
    pub dismissal_words: WordSet,
    pub demonstratives: WordSet,
    pub quantifiers: WordSet,
    pub restrictives: WordSet,
    pub listed_nouns: WordSet,
    pub whole_dismissal_predicates: WordSet,
    pub copulas: WordSet,
    pub defining_verbs: Vec<String>,
    pub definition_fillers: WordSet,
    pub hesitations: WordSet,
    pub relatives: WordSet,
    pub complementisers: WordSet,
    pub back_references: WordSet,
    pub term_nouns: WordSet,
    pub reporters: WordSet,
    pub reporting_verbs: WordSet,
    pub listeners: WordSet,
    pub seeming_verbs: WordSet,
    pub praise_words: WordSet,
    pub listener_verbs: WordSet,
    pub conventional_words: WordSet,
    pub conventional_nouns: WordSet,
    pub hypotheticals: &'static [(&'static str, &'static str)],
    pub sameness_words: WordSet,
    pub sameness_fillers: WordSet,
    pub sameness_verbs: WordSet,
    pub sameness_joiners: WordSet,
    pub sameness_comparers: WordSet,
    pub plural_back_references: WordSet,
}

impl WordLists {
    pub(crate) fn new(language: Language) -> WordLists {
        let fold = |words: &[&str]| {
            words
                .iter()
                .map(|w| crate::text::normalize::fold_word(w))
                .collect::<WordSet>()
        };
        let mut function_words = fold(language.function_words());
        // Contracted negations are function words too, whatever the list says.
        function_words.extend(fold(language.negators()));
        function_words.extend(fold(language.short_negators()));
        WordLists {
            function_words,
            negators: fold(language.negators()),
            prefix_negators: fold(language.prefix_negators()),
            short_negators: fold(language.short_negators()),
            exceptives: fold(language.exceptives()),
            condition_openers: fold(language.condition_openers()),
            main_clause_openers: fold(language.main_clause_openers()),
            clause_breakers: fold(language.clause_breakers()),
            list_connectors: fold(language.list_connectors()),
            contrast_words: fold(language.contrast_words()),
            dismissal_predicates: fold(language.dismissal_predicates()),
            dismissal_words: fold(language.dismissal_words()),
            demonstratives: fold(language.demonstratives()),
            quantifiers: fold(language.quantifiers()),
            restrictives: fold(language.restrictives()),
            listed_nouns: fold(language.listed_nouns()),
            whole_dismissal_predicates: fold(language.whole_dismissal_predicates()),
            copulas: fold(language.copulas()),
            defining_verbs: language
                .defining_verbs()
                .iter()
                .map(|w| crate::text::normalize::fold_word(w))
                .collect(),
            definition_fillers: fold(language.definition_fillers()),
            hesitations: fold(language.hesitations()),
            relatives: fold(language.relatives()),
            complementisers: fold(language.complementisers()),
            back_references: fold(language.back_references()),
            term_nouns: fold(language.term_nouns()),
            reporters: fold(language.reporters()),
            reporting_verbs: fold(language.reporting_verbs()),
            listeners: fold(language.listener_reports().0),
            seeming_verbs: fold(language.faint_praise().0),
            praise_words: fold(language.faint_praise().1),
            listener_verbs: fold(language.listener_reports().1),
            conventional_words: fold(language.conventional_words()),
            conventional_nouns: fold(language.conventional_nouns()),
            hypotheticals: language.hypotheticals(),
            sameness_words: fold(language.sameness_words()),
            sameness_fillers: fold(language.sameness_fillers()),
            sameness_verbs: fold(language.sameness_verbs()),
            sameness_joiners: fold(language.sameness_joiners()),
            sameness_comparers: fold(language.sameness_comparers()),
            plural_back_references: fold(language.plural_back_references()),
        }
    }
}
