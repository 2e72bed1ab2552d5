"""The languages whose keyword tables the compliance check knows, and the vocabulary a
message is checked with."""

from functools import cache

from services.core.domain.compliance.languages import de, en, es, fr, it, ja, zh
from services.core.domain.compliance.lexicon import Lexicon, Vocabulary, compile_vocabulary

LEXICONS: dict[str, Lexicon] = {
    lexicon.language: lexicon
    for lexicon in (
        en.LEXICON,
        de.LEXICON,
        fr.LEXICON,
        es.LEXICON,
        it.LEXICON,
        ja.LEXICON,
        zh.LEXICON,
    )
}


def language_code(language: str | None) -> str | None:
    """The known language a hint such as "de-DE" names, or None."""
    code = (language or "").replace("_", "-").split("-")[0].strip().lower()
    return code if code in LEXICONS else None


def vocabulary_for(language: str | None) -> Vocabulary:
    """The hinted language's tables plus English, since English phrases ("5-star review",
    "coupon") turn up in messages in every language; all tables without a known hint."""
    code = language_code(language)
    if code is None:
        return _vocabulary(tuple(LEXICONS))
    return _vocabulary(tuple(dict.fromkeys(("en", code))))


@cache
def _vocabulary(languages: tuple[str, ...]) -> Vocabulary:
    return compile_vocabulary(tuple(LEXICONS[language] for language in languages))
