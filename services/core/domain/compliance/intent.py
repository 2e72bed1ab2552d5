"""Review requests and inducements read by what a stretch of text does rather than by a fixed
phrase: a set of detectors, each one kind of cue in the seven languages, combined within a
sentence and the sentence next to it (round four, docs/COMPLIANCE.md).

- A review request: a reference to the buyer's rating (a rating word, a nickname, star
  symbols, a count out of five, "what you wrote") AND a target for it (changing, raising,
  removing or reconsidering it, making it match or reflect the fix, or a good rating itself)
  AND the text directing that at the buyer (a request, a wish, a hope, a conditional, a
  question, a proposal); unless a guard holds: negation, thanks, a neutral ask, or the
  seller's own act.
- An inducement: something of value (a benefit word, an amount of money, a code, a gift)
  AND a condition or an exchange (if, once, as soon as, in return, as a thank-you for,
  provided, "for every review") AND a target (a changed or good rating, a review written, or a
  claim, case, dispute or chargeback withdrawn); negation and "regardless" guard.

The phrase rules of content.py and ratings.py still run; these detectors add what their lists
do not reach."""

import re
from functools import lru_cache

from services.core.domain.compliance.disclaimers import GIVEN_RATING, NEGATED, NEUTRAL, NOT_NEEDED
from services.core.domain.compliance.lexicon import Vocabulary, hanzi_simplified
from services.core.domain.compliance.ratings import NOT_RATING_STARS, on_a_scale
from services.core.domain.compliance.text import Span, list_blocks, sentences, words

_I = re.IGNORECASE


# The buyer's rating, review or feedback, by name, nickname, stars or what the buyer wrote.
RATING = re.compile(
    words(
        # not Amazon or the seller reviewing a case: "Amazon will review it"
        r"(?<!amazon will )(?<!amazon would )(?<!amazon can )(?<!we will )(?<!we'll )"
        r"\b(?:reviews?|ratings?|feedback|stars?|write-?up|comments?|scores?|evaluations?)\b|[★⭐🌟☆✩✪✫✬✭✮✯✰]",
        r"\b(?:your|that|those|this) (?:[1-5]|one|two|three)(?:[- ]star)?\b|\bup to an? [345]\b",
        r"\b(?:bewertung|rezension|sterne?n?|kommentar|beurteilung|erfahrungsbericht)\w*|\b\w+(?:bewertung|rezension)\b",
        r"\b(?:avis|évaluation|étoiles?|commentaire|appréciation)\b|\b(?:votre|la|sa|cette|une) note\b",
        r"\b(?:reseñas?|valoraci[oó]n|opini[oó]n|estrell\w*|calificaci[oó]n|comentario|puntuaci[oó]n)\b",
        r"\blo que (?:escribi[oó]|puso|publicó)\b",
        r"\b(?:recension\w*|valutazion\w*|stell(?:e|a|ine|ina)|giudizio|commento|voto|opinione)\b",
        r"\b(?:righe|parole) che ha scritto\b|\bce que vous avez écrit\b|\bwas sie geschrieben haben\b",
        r"\bwhat you (?:wrote|posted)\b|\bthe (?:[1-5]|one|two)[- ]star\b|(?:お)?書き(?:になった|いただいた)(?:内容|こと)|您写的(?:内容|那些)",
        r"評価|レビュー|星|コメント|口コミ|评价|评分|好评|差评|星星|几星|评论|五星",
    ),
    _I,
)
# A good rating itself: five stars, top marks, a positive review.
GOOD = re.compile(
    words(
        r"\b(?:5|five)[- ]?stars?\b|\b5 out of 5\b|\bfull marks\b"
        r"|\b(?:glowing|positive|good|great) (?:review|rating|feedback|evaluation|comment)s?\b",
        r"\b(?:mindestens|at least|au moins|al menos|almeno) (?:vier|fünf|four|five|quatre|cinq|cuatro|cinco|quattro|cinque|4|5)"
        r" (?:stern\w*|stars?|étoiles|estrellas|stelle)\b|\b(?:5|fünf)[- ]stern\w*|\b(?:positive|gute|top-)bewertung\b",
        r"\b(?:5|cinq) (?:\w+ )?étoiles\b|\bavis (?:positif|favorable)\b|\bbon avis\b|\bbonne note\b",
        r"\b(?:5|cinco) estrell\w*|\b(?:buena|excelente) (?:reseña|valoración|opinión)\b|\breseña positiva\b",
        r"\b(?:5|cinque) stell\w*|\b(?:buona|ottima) recensione\b|\brecensione positiva\b",
        r"\b(?:a few|some|quelques|unas|unas cuantas|qualche|ein paar)\s+(?:\w+\s+)?(?:stars|étoiles|estrellas|stelle|sterne)\b"
        r"|星をいくつか|(?:お)?星(?:さま|様)?が?たくさん|五颗[^，。]{0,5}星|星(?:さま|様)?を?\s?[5５五]つ?|[5５五]つ星|★\s?[5５]|高評価|良い評価|五星|5星|好评|[★⭐🌟✩✪✫✬✭✮✯✰]{5}",
    ),
    _I,
)
# What the buyer is to do with the rating: change, raise, remove, reconsider, make it match.
CHANGE = re.compile(
    words(
        r"\b(?:chang|updat|edit|revis|amend|rais|bump|improv|reconsider|rethink|revisit|remov|delet|withdraw|tweak|adjust|correct|fix)\w*",
        r"\b(?:another|second|fresh) look\b|\btak\w* (?:\w+ ){0,3}down\b|\bgone\b|\bdisappear\w*|\bup to date\b|\bmatch(?:es)?\b",
        r"\breflect\w*|\bmirror\w*|\bcatch up\b|\bkinder\b|\bhigher\b|\bup to an? [345]\b|\bmore stars\b",
        r"\bmore positive\b|\boverthink\w*|\bpositiver\b|\bplus positi\w*|\bmás positiv\w*|\bpiù positiv\w*",
        r"\bturns? into\b|\bdiventa(?:no|re)?\b|\bwerden zu\b|\bdevien(?:nent|t)\b|"
        r"\breads? (?:positive|better|kinder|[45] stars?)\b|\binstead of (?:the |a |an )?(?:[1-3]|one|two|three)[- ]stars?\b",
        r"\bge(?:ä|a)ndert\b|\bangepasst\b|\baktualisiert\b|\büberarbeitet\b|\bgelöscht\b|\bentfernt\b",
        r"\b(?:änder|anpass|aktualisier|überarbeit|lösch|entfern|zurückzieh|überdenk|anheb|erhöh|ergänz|korrigier|nachbesser|verschwind)\w*",
        r"\b\w*spiegel\w*|\bspiegelt\b",
        r"\b(?:modifi|chang|actualis|retir|supprim|effac|refl[eèé]t|reconsid|remont|relev|corrig|ajust|dispara[iî]t)\w*",
        # compléter, not Spanish and Italian "completo", "por completo"
        r"\bcompl[eé]t(?:er|ez|é|ée|és|ées|e|es|ant)\b",
        r"\b(?:mettre|mis|mise) à jour\b|\brevoir\b|\bpass(?:er|ées?|és?|ent) de\b",
        r"\b(?:cambi|modific|actualiz|borr|elimin|quit|reflej|replante|sub[ia]|mejor|retoque|ajust|corrij|a[ñn]adi|desaparec)\w*",
        r"\bpas(?:ar|en|aran|ara) de\b",
        r"\b(?:aggiorn|rimuov|cancell|togli|ritir|rispecchi|riflett|rived|riconsider|alz|miglior|sistem|ritocc|aggiung|spari[st]c|corregg)\w*",
        r"\bpass(?:ano|are|ino|assero) da\b",
        r"変更|変え|修正|削除|消し|取り下げ|見直|反映|更新|(?<!差し)(?<!申し)上げ|追記|書き換え|編集|増や",
        # not Japanese 改めて, "anew": "改めて御礼申し上げます"
        r"改(?!め)|删|撤|更新|追评|反映|配得上|提高|调高|加星|加分",
        # more of it, or warmer: "ein Stern mehr", "a little love", "darle una vueltita"
        r"\bstern\w* mehr\b|\bmehr sterne?\b|\bétoiles? de plus\b|\bplus d['’]étoiles\b|\bestrellas? más\b|\bmás estrellas\b",
        r"\bstell\w* in più\b|\bpiù stelle\b|\b(?:a little|some|more) love\b|\bboost\w*|\bvuelt(?:a|ita)\b",
        r"\bup a (?:notch|bit|little)\b|\b(?:knock|nudge|push|bring|move)\w* (?:\w+ ){0,2}up\b",
        # the rating turning into another: "your 2 stars become 5"
        # a second chance for it: "give your rating a second chance", "再给一次机会"
        r"\bsecond chance\b|\bzweite chance\b|\b(?:seconde|deuxième) chance\b|\bsegunda oportunidad\b"
        r"|\bseconda (?:possibilità|chance|occasione)\b|もう一度チャンス|再给[^，。]{0,8}机会",
        # a second look, and something done about it: "schauen sich Ihre Rezension noch einmal an", "評価の件だけ何とか"
        r"\bnoch ?(?:ein)?mal an(?:schau|seh)\w*|\b(?:schau|seh)\w* (?:sich )?(?:\w+ ){0,4}(?:noch ?(?:ein)?mal|erneut) an\b"
        r"|の件[^。]{0,4}(?:何とか|なんとか)",
        r"\bbecom\w*|\bturn\w* into\b|\b(?:[45]|vier|fünf)(?: sternen?)? werden\b|\bdeven\w*|\bdevien\w*|\bconvert\w*|\bdiventa\w*|变成|になる|になれば",
    ),
    _I,
)
# The rating left as it was, after the fix, told to the buyer: "Ihr Kommentar steht noch genau so da
# wie vor zwei Wochen", "La sua recensione è rimasta ferma a due settimane fa", "评价那边还是两周前的样子".
UNCHANGED = re.compile(
    words(
        r"\bstill (?:\w+ ){0,3}(?:the same|as (?:it was|before)|unchanged)\b|\bhasn['’]t (?:been )?(?:changed|updated)\b",
        r"\b(?:steht|ist) (?:\w+ ){0,3}noch (?:genau )?so (?:da )?wie\b|\bnoch (?:genau )?so (?:da )?wie vor\b|\bnoch unverändert\b",
        r"\btoujours (?:la même|le même|identique|inchangée?|telle quelle|tel quel)\b|\bn['’]a pas (?:encore )?(?:changé|bougé)\b",
        r"\bsigue (?:igual|sin cambios|como estaba)\b|\btodavía (?:está )?(?:igual|como estaba)\b",
        r"\b(?:è )?rimast[ao] (?:ferm[ao]|uguale|com['’]era)\b|\bancora (?:ferm[ao]|uguale|com['’]era)\b",
        r"(?:前|以前|当時|先月|先週)のまま|还是[^，。]{0,6}(?:前|以前|之前)的样子|还是老样子",
    ),
    _I,
)
# A review of a set kind, with photos or a video: a target of its own, since the seller asks
# for more than "a review" ("leave a review with a photo and get ...", "写真付きレビュー").
PHOTO = re.compile(
    words(
        r"\b(?:reviews?|ratings?|feedback)(?: \w+)? (?:with|including) (?:an? |some |a few |two |three |\d+ )?(?:photos?|pictures?|pics?|images?|videos?)\b",
        r"\b(?:photo|picture|video) reviews?\b",
        r"\b(?:bewertung|rezension)\w* mit (?:einem |ein paar |\d+ )?(?:foto|bild|video)\w*|\b(?:foto|bild|video)-?(?:bewertung|rezension)",
        r"\b(?:avis|commentaire|évaluation)s? (?:\w+ )?avec (?:une |des |quelques |\d+ )?(?:photos?|images?|vidéos?)\b",
        r"\b(?:reseña|opinión|valoración|comentario)s? (?:\w+ )?con (?:una |unas |algunas |\d+ )?(?:fotos?|imágenes?|v[ií]deos?)\b",
        r"\b(?:recension[ei]|commento|valutazione) (?:\w+ )?con (?:una |delle |qualche |\d+ )?(?:foto|immagin[ei]|video)\b",
        r"(?:写真|画像|動画)(?:付き|入り|つき)の?(?:レビュー|評価|口コミ)",
        r"(?:附|带|晒)上?(?:照片|图片|图|视频)的?(?:评价|评论|好评)|图文评价",
    ),
    _I,
)
# Whether the rating is fair, asked as a question: "is one star fair for a courier's delay?",
# "您觉得合适吗？"; a target only in a sentence that asks (rating_target).
FAIR = re.compile(
    words(
        r"\b(?:fair|unfair|harsh|justified|deserved)\b|\b(?:fair|gerecht|angemessen|verdient)\b|\bpenali[sz]\w*",
        r"\b(?:juste|injuste|équitable|sévère|mérité)\b|\bpénalis\w*",
        r"\b(?:justo|injusto|merecid[oa]|severo)\b|\b(?:es|son|parece) (?:muy |un poco )?poc(?:o|quito)\b|\bpenaliz\w*",
        r"\b(?:giusto|equo|meritat[oa]|severo)\b|\bpenalizz\w*",
        r"妥当|公平|フェア|厳しすぎ|合适吗|公平吗|公道吗|过分吗",
    ),
    _I,
)
_ASKED = re.compile(r"[?？]|吗|でしょうか|ですか")
# a good rating wished to be seen, not seen: "若能在商品页面看到您以五星好评分享"
_WISHED = re.compile(r"若能|倘若|如果能|要是能|希望能?看到|期待(?:能)?看到")
# A bare reconsideration in the sentence after the rating ("Those two stars still sting.
# Maybe take another look?"), not one with an object of its own ("another look at the seal").
_BARE_RECONSIDER = re.compile(
    r"\b(?:another|second|fresh) look\b(?! at)|\b(?:reconsider|rethink)\b(?! (?:the|your|our) (?!rating|review|feedback))"
    r"|\bsecond chance\b|\bnoch (?:ein)?mal (?:überdenken|anschauen|ansehen)\b|\b(?:petite )?mise à jour\b|\breconsidérer\b"
    r"|\bsegunda oportunidad\b|\breconsiderar(?:lo|la)?\b|\briconsiderar(?:e|la|lo)\b|\brivalutar(?:e|la|lo)\b"
    r"|見直して|ご再考|再考して|重新考虑|再考虑"
    # told more fairly: "einen Weg finden, das fairer darzustellen"
    r"|\bmore fairly\b|\bfairer (?:dar|zu )\w*|\bplus justement\b|\bde (?:forma|manera) más justa\b|\bin modo più equo\b"
    r"|より公平に|更公平地|更公正地",
    _I,
)
# What the rating should say ("if your write-up mentioned the quick fix"): a target only
# where the same sentence directs it at the buyer, since "your review mentioned the smell"
# only reports what it says.
SAY = re.compile(
    words(
        r"\b(?:mention|say|includ|talk(?:ed|s)? about)\w*|\b(?:erwähn|nenn)\w*|\b(?:mentionn|parl|indiqu)\w*|\bdire\b",
        r"\b(?:mencion|cont(?:ar|ara|ase|ase|ará)\b|habl)\w*|\b(?:menzion|citar|cita|citasse|parlass)\w*",
        r"(?<!を)書いて|触れて|提一下|写上|写一下|说一下",
    ),
    _I,
)
# Directed at the buyer: a request, a wish, a hope, a conditional, a question, a proposal.
ADDRESS = re.compile(
    words(
        r"[?？¿]",
        r"\b(?:would|could|can|will) you\b|\bplease\b|\bmaybe\b|\bperhaps\b|\bif you\b|\bshould you\b|\bonce\b",
        # a plea, in the conditional or intensified: not "it helps us improve" after thanks
        r"\bwould help (?:us|a lot)\b|\b(?:nous )?aideraient\b|\bnous aiderait\b|\bnos ayudar[íi]an?\b"
        r"|\bnos ayuda (?:muchísimo|mucho|un montón)\b|\bci aiuterebbe(?:ro)?\b|\b(?:würde|würden) uns (?:sehr )?helfen\b"
        r"|\bper noi è (?:vitale|fondamentale)\b",
        # a rating "given to us" in a step or a line of a template: "uns ⭐⭐⭐⭐⭐ geben"
        r"\buns\b[^.!?\n]{0,25}\bgeben\b|\bgive us\b|\bnous (?:donner|mettre)\b|\bdarnos\b|\bdarci\b",
        # what a good rating does for "small shops like ours": a plea without a verb of asking
        r"\b(?:small|little|tiny) (?:shops?|businesses|sellers|stores?) like (?:us|ours)\b"
        r"|\bkleine[nr]? (?:händler|läden|shops|geschäfte)\w* wie (?:wir|uns\w*)\b|\bpetite?s? (?:boutiques?|commerces?|vendeurs?) comme (?:la |le )?(?:nôtre|nous)\b"
        r"|\b(?:tiendas|negocios) pequeñ[oa]s como (?:la |el )?nuestr[oa]\b|\bpequeñ[oa]s (?:tiendas|negocios) como (?:la |el )?nuestr[oa]\b"
        r"|\bpiccoli (?:negozi|commercianti|venditori) come (?:il )?(?:nostro|noi)\b|小さな(?:お店|店|ショップ)が|我们这种小店|我们这样的小店",
        r"\bwe(?:'d| would) (?:be|love|appreciate|like)\b|\bwould (?:be|mean|make|go|love)\b|\blove it if\b|\bhop(?:e|ing)\b|\bwish\b|\bmind\b",
        r"\bconsider\b|\b(?:just|only) need\b|\bhow about\b|\blet's\b|\bit'd\b|\bonly fair\b|\bsee your way\b",
        r"\b(?:i|we)(?:'d| would) (?:just |only )?ask\b|\bich (?:würde|möchte) sie (?:\w+ )?bitten\b|\bje vous (?:demanderais|demande)\b"
        r"|\ble (?:pediría|pido|rogaría)\b|\b(?:le|ti) (?:chiederei|chiedo)\b|\bvorrei chiederle\b",
        r"\b(?:würden|könnten|können|möchten) sie\b|\bbitte\b|\bvielleicht\b|\bwenn\b|\bfalls\b|\bwäre\b|\bwürde\b|\bfreuen\b|\bhoffen\b|\bsobald\b",
        r"\b(?:pourriez|pourrez|pouvez|voudriez|voulez)\b|\bmerci de\b|\bsi (?:vous|votre|vos|les|la|le|l['’])|\b(?:ce|il) serait\b|\bça (?:nous )?ferait\b",
        r"\b(?:on aimerait|nous aimerions|espér\w*|souhait\w*|dites|dès que|peut-être|lorsque|quand)\b|\bserait (?:la )?bienvenue?\b",
        r"\b(?:podría|puede|importaría|por favor|sería|ojalá|esper\w*|quizá|quizás|merecería|propongo|necesitamos|cuando|en cuanto)\b",
        r"\bsi (?:usted|su|sus|esas?|esos?|la|lo|las|los|nos)\b|\bnos haría\b|\bno cree\b",
        r"\b(?:potrebbe|può|dispiacerebbe|per favore|sarebbe|magari|speriamo|quando|appena|condizione)\b",
        r"\bse (?:lei|la|il|le|trova|vuole|potesse|invece)\b|\bci (?:farebbe|regali|lasci)\b|\bsaremmo grati\b|\bfacciamo così\b",
        # the closing "よろしくお願いいたします" asks nothing
        r"いただけ|ください|下さい|(?<!よろしく)(?<!宜しく)お願い|れば|たら|嬉しい|励み|幸い|でしょうか|ませんか",
        r"希望|请|麻烦|能否|可以|吗|的话|只要|如果|若能|倘若|要是|拜托|您看|就",
    ),
    _I,
)
# Amazon, not the buyer, closing the claim: "Cuando Amazon cierre la reclamación, recibirá el reembolso".
AMAZON_CLOSES = re.compile(
    # Amazon as the subject, not where the buyer closes it ("den Antrag bei Amazon schließen")
    r"(?<!bei )(?<!with )(?<!on )(?<!at )(?<!d['’])(?<!con )(?<!presso )(?<!en )(?<!à )"
    r"\bamazon (?:will |would |can |wird |va |lo |la )?(?:clos\w*|schließ\w*|ferm\w*|cierr\w*|cerrar\w*|chiud\w*)\b"
    r"|(?:亚马逊|アマゾン|Amazon)(?:会|が|側で)?(?:关闭|クローズ|終了)",
    _I,
)
_AUTOMATIC = re.compile(
    r"\bautomatic\w*|\bon its own\b|\bby itself\b|\bautomatisch\w*|\bvon selbst\b|\bautomatiquement\b"
    r"|\bd['’]elle-même\b|\bautomáticamente\b|\bautomaticamente\b|自動|自动",
    _I,
)
# "gracias a los clientes", "grazie ai clienti", "thanks to": because of, not thanks
THANKED = re.compile(
    r"\bthank\w*(?! to\b)|\bdanke\w*|\bmerci\b(?! à)|\bgracias\b(?! a\b| al\b)|\bgrazie\b(?! a\w*\b)|ありがとう|谢谢|感谢|感謝",
    _I,
)
# The seller's own act: "we updated the listing after your review", "on a modifié la fiche".
_SELLERS_ACT = re.compile(
    r"\b(?:we|i)(?:'ve| have| had)? (?:\w+ )?(?:updat|chang|remov|fix|correct|improv|add)\w*"
    r"|\bwir haben\b|\bnous avons\b|\bon a\b|\bhemos\b|\babbiamo\b|しました|いたしました|我们已|已经",
    _I,
)


def windows(text: str) -> list[Span]:
    """Each sentence alone and joined with the next one, and each list of a template with the
    line that introduces it ("Our offer:\n➤ 40% refund\n➤ Condition: ...")."""
    parts = sentences_of(text)
    joined = [Span(a.start, b.end) for a, b in zip(parts, parts[1:], strict=False)]
    return [*parts, *joined, *list_blocks(text)]


def has(pattern: re.Pattern[str], text: str, span: Span) -> re.Match[str] | None:
    """The first match of the pattern inside the span; the text is searched once per pattern
    for all the windows that ask."""
    return next((m for m in matches(pattern, text) if span.start <= m.start() and m.end() <= span.end), None)


@lru_cache(maxsize=256)
def matches(pattern: re.Pattern[str], text: str) -> tuple[re.Match[str], ...]:
    return tuple(pattern.finditer(text))


# A change by a pronoun carries a rating named in the sentence before ("the review still
# mentions the part. If you find two minutes to fix it"), unless something else is named.
_CLITIC = re.compile(
    r"\b\w+(?:rla|rlo|ela|elo|ala|alo|iela|ielo)\b|\b\w+ (?:it|them)\b|\b\w+-(?:la|le)\b", _I
)
_PROCLITIC = re.compile(r"\b(?:la|lo|las|los|l['’])\s?(\w+)", _I)
OTHER_OBJECT = re.compile(
    r"\baddress|\baccount|\border\b|\badresse|\bkonto|\bbestellung|\bcommande|\bdirecci[oó]n|\bcuenta|\bpedido"
    r"|\bindirizzo|\bordine|住所|注文|地址|订单|账户",
    _I,
)


def rating_target(text: str, span: Span) -> re.Match[str] | None:
    """A rating referred to, in the same sentence, with something to do to it or a good
    rating asked for; or a change by a pronoun right after a sentence that names a rating.
    Stars that are a print or a scale ("from 1 to 5 stars") are none."""
    if NOT_RATING_STARS.search(text, span.start, span.end):
        return None
    parts = [s for s in sentences_of(text) if span.start <= s.start < span.end]
    for part in parts:
        if has(RATING, text, part) is None:
            continue
        target = (
            has(CHANGE, text, part)
            or has(GOOD, text, part)
            or has(PHOTO, text, part)
            or has(UNCHANGED, text, part)
        )
        if target is None and has(_ASKED, text, part):
            target = has(FAIR, text, part)
        if target is None and has(ADDRESS, text, part):
            target = has(SAY, text, part)
        if target is not None and not on_a_scale(text, Span(target.start(), target.end())):
            return target
    if len(parts) == 2 and has(RATING, text, parts[0]) and not has(OTHER_OBJECT, text, span):
        clitic = has(_CLITIC, text, parts[1])
        if clitic is not None and CHANGE.match(clitic.group()):
            return clitic
        # a pronoun before the verb: "Si la elimina, le regalamos ...", "Se la toglie, ..."
        for pronoun in _PROCLITIC.finditer(text, parts[1].start, parts[1].end):
            if CHANGE.match(pronoun.group(1)):
                return pronoun
        bare = has(_BARE_RECONSIDER, text, parts[1])
        if bare is not None and has(ADDRESS, text, parts[1]) and has(RATING, text, parts[1]) is None:
            return bare
    return None


def review_request_spans(text: str, vocabulary: Vocabulary, traded: list[Span]) -> list[Span]:
    """Windows that refer to the buyer's rating, direct a change or a good rating at the buyer
    (by a request, wish, conditional or question, or by trading a benefit for it) and no
    guard holds. The span is the sentence that carries the target."""
    text = hanzi_simplified(text)
    found: list[Span] = []
    if has(RATING, text, Span(0, len(text))) is None:
        return found
    for window in windows(text):
        # a review paid for is asked for, whatever it says: "leave a review and get a $15 card"
        target = rating_target(text, window) or _traded_rating(text, window, traded)
        if target is None or guarded(text, window, vocabulary) or has(NOT_NEEDED, text, window):
            continue
        in_trade = any(t.start <= target.start() < t.end for t in traded)
        if not (in_trade or has(ADDRESS, text, window)):
            continue
        # a photo review asked for is a request only at a price: "a review with a photo helps"
        if target.re is PHOTO and not in_trade:
            continue
        # a good rating reported as given, not asked for: "abbiamo appena letto la sua recensione
        # con cinque stelle", "星5つのレビューをいただき、"
        if (
            target.re is GOOD
            and has(GIVEN_RATING, text, window)
            and not (in_trade or has(_ASKED, text, window) or has(_WISHED, text, window))
        ):
            continue
        if has(NEUTRAL, text, window) and not has(GOOD, text, window) and not in_trade:
            continue
        # thanks paid in kind are the price, not thanks: "als Dankeschön für eine 5-Sterne-Rezension"
        if (_thanks_only(text, window) and not in_trade) or _sellers(text, target):
            continue
        found.append(sentence_at(text, target.start()))
    return found


def _traded_rating(text: str, window: Span, traded: list[Span]) -> re.Match[str] | None:
    """A rating named inside a trade the window holds: the review the benefit is paid for."""
    return next(
        (
            m
            for m in matches(RATING, text)
            if window.start <= m.start()
            and m.end() <= window.end
            and any(t.start <= m.start() < t.end for t in traded)
            and not NOT_RATING_STARS.search(text, m.start(), m.end() + 12)
        ),
        None,
    )


def guarded(text: str, window: Span, vocabulary: Vocabulary) -> bool:
    """The window takes the request or trade back, or says Amazon closes the claim itself."""
    within = (text, window.start, window.end)
    return bool(
        NEGATED.search(*within)
        or vocabulary.negation.search(*within)
        or _AUTOMATIC.search(*within)
        or AMAZON_CLOSES.search(*within)
    )


def taken_back(text: str, span: Span) -> bool:
    """The sentence of a request or a trade found by any rule disclaims it outright ("一切ございません",
    "regardless", "unconditionally")."""
    sentence = sentence_at(text, span.start)
    return NEGATED.search(text, sentence.start, sentence.end) is not None


# A thank-you that is a gift, not thanks ("a small thank-you for customers", "as a thank you").
_THANKING = re.compile(rf"(?<!\ba )(?<!\bas a )(?<!\bsmall )(?<!\blittle )(?:{THANKED.pattern})", _I)


def _thanks_only(text: str, window: Span) -> bool:
    """Thanks for the rating and no change or question: "thank you for the 5 stars!"."""
    return bool(has(_THANKING, text, window)) and not (
        has(CHANGE, text, window) or "?" in text[window.start : window.end]
    )


# A Japanese change the seller reports as done: "サイズ表を修正いたしました".
DONE_AFTER = re.compile(r"(?:いたしました|しました|させていただきました|済み)")


def _sellers(text: str, target: re.Match[str]) -> bool:
    if DONE_AFTER.match(text, target.end()):
        return True
    before = re.split(r"[.!?。！？\n]", text[max(0, target.start() - 24) : target.start()])[-1]
    return _SELLERS_ACT.search(before + target.group()) is not None and not re.search(
        r"\byou\b|\bsie\b|\bvous\b|\busted\b|\blei\b|您|お客様", before, _I
    )


def sentence_at(text: str, offset: int) -> Span:
    return next((s for s in sentences_of(text) if s.start <= offset < s.end), Span(offset, offset + 1))


@lru_cache(maxsize=64)
def sentences_of(text: str) -> tuple[Span, ...]:
    """The text's sentences, split once for all the windows and detectors that read them."""
    return tuple(sentences(text))
