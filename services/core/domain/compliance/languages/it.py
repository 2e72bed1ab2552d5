"""Italian keyword tables."""

from services.core.domain.compliance.lexicon import Lexicon

_WEEKDAYS = r"lunedì|martedì|mercoledì|giovedì|venerdì|sabato|domenica"
_MONTHS = (
    r"gennaio|febbraio|marzo|aprile|maggio|giugno|luglio|agosto|settembre|ottobre|novembre"
    r"|dicembre"
)
_NUMBER_WORDS = r"\d+|un|una|uno|due|tre|quattro|cinque|sei|sette|dieci"

LEXICON = Lexicon(
    language="it",
    spaced=True,
    marketing=(
        r"codic[ei] sconto",
        r"codic[ei] promozional[ei]",
        r"coupon",
        r"buon[oi] sconto",
        r"seguici",
        r"ci segua",
        r"iscriviti",
        r"newsletter",
        r"(?:i )?nostri altri (?:prodotti|articoli)",
        r"altri nostri (?:prodotti|articoli)",
        r"(?:la )?nostra nuova collezione",
        r"nuova collezione",
        (
            r"(?:visita|visiti|scopri|scopra) (?:il nostro|i nostri|la nostra) (?:negozio|sito|"
            r"store|prodotti|catalogo|vetrina)"
        ),
        r"offert[ae] special[ei]",
        r"saldi",
        r"\d+ ?% di sconto (?:sul|su tutti|su tutto)\w*",
        (
            r"(?:sconto|buono|codice)\W+(?:\w+\W+){0,4}"
            r"(?:sul|per il|nel) (?:suo |tuo )?prossimo (?:ordine|acquisto)"
        ),
    ),
    review_positive=(
        r"(?:5|cinque) stelle",
        (
            r"(?:recension[ei]|valutazion[ei]|feedback|commenti?) (?:positiv[aei]|favorevol[ei]|"
            r"a (?:5|cinque) stelle)"
        ),
        r"(?:buona|buone|ottima|ottime|bella) (?:recension[ei]|valutazion[ei])",
        r"feedback positivo",
    ),
    review_ask=(
        r"lasci\w*",
        r"dar(?:e|ci)",
        r"scriv\w*",
        r"per favore",
        r"potrebbe",
        r"può",
        r"modific\w*",
        r"cambi\w*",
        r"ci aiuterebbe",
        r"aiuta molto",
        r"gradirem\w*",
        r"apprezzerem\w*",
        r"le chiediamo",
    ),
    thanks=(r"grazie (?:mille )?per", r"la ringraziamo per"),
    benefit=(
        r"rimbors\w*",
        r"sostituzion[ei]",
        r"sostitu\w*",
        r"regal\w*",
        r"scont\w*",
        r"compens\w*",
        r"risarci\w*",
        r"gratis",
        r"gratuit\w*",
        r"buon[oi]",
    ),
    claim_act=(r"chiud\w*", r"chius\w*", r"ritir\w*", r"annull\w*", r"cancell\w*", r"revoc\w*"),
    claim=(
        r"reclam[oi]",
        r"richiest[ae] di rimborso dalla a alla z",
        r"garanzia dalla a alla z",
        r"a-?to-?z",
        r"contestazion[ei]",
        r"chargeback",
        r"controversi[ae]",
    ),
    feedback_act=(
        r"rimozione",
        r"rimuov\w*",
        r"rimoss\w*",
        r"elimin\w*",
        r"cancell\w*",
        r"ritir\w*",
        r"modific\w*",
        r"cambi\w*",
        r"aggiorn\w*",
        r"miglior\w*",
        r"riconsider\w*",
    ),
    feedback=(r"recension[ei]", r"valutazion[ei]", r"feedback", r"comment[oi]", r"stell[ae]"),
    trade_marker=(
        r"se",
        r"una volta",
        r"appena",
        r"non appena",
        r"quando",
        r"dopo",
        r"in cambio",
        r"per favore",
        r"potrebbe",
        r"la preghiamo",
        r"le chiediamo",
        r"a condizione",
        r"per (?:la )?(?:rimozione|modifica|chiusura|ritirare|rimuovere|modificare|chiudere)",
        r"purché",
        r"solo",
        r"poi",
        r"quindi",
    ),
    automatic=(r"automaticamente", r"da amazon", r"amazon (?:chiuderà|chiude)"),
    follow_on=(r"poi", r"dopo(?:di che)?", r"quindi", r"in cambio", r"fatto questo"),
    blunt_imperative=(
        r"attenda",
        r"aspetti",
        r"per favore aspett\w*",
        r"lei deve",
        r"deve (?:attendere|aspettare|contattare|inviare|restituire|pazientare)",
        r"non ci contatti",
        r"sia paziente",
    ),
    alarm_subject=(r"importante", r"urgente", r"attenzione"),
    critical_topic=(
        r"non (?:può|possiamo|potrà) (?:essere )?(?:spedir\w*|spedit[oa]|consegna\w*|inviar\w*)",
        r"impossibile (?:spedire|consegnare|inviare)",
        r"richiam[oi]",
        r"sicurezza",
        r"indirizzo",
        r"dogana\w*",
        r"ritirare il pacco",
        r"ufficio postale",
    ),
    action_promise=(
        (
            r"(?:la |le |ti )?(?:ricontatteremo|contatteremo|controlleremo|verificheremo|"
            r"invieremo|spediremo|rimborseremo|faremo sapere|aggiorneremo|esamineremo|"
            r"risponderemo|provvederemo)"
        ),
        r"il prima possibile",
        r"al più presto",
        r"a breve",
        r"quanto prima",
    ),
    concrete_time=(
        rf"entro (?:le prossime |i prossimi )?(?:{_NUMBER_WORDS})",
        rf"(?:{_NUMBER_WORDS}) (?:ore|giorni|settimane)",
        r"giorni lavorativi",
        r"oggi",
        r"domani",
        r"stasera",
        r"entro (?:domani|la fine)",
        _WEEKDAYS,
        rf"\d{{1,2}} (?:{_MONTHS})",
    ),
    choice=(
        r"oppure",
        r"preferisce",
        r"preferirebbe",
        r"se preferisce",
        r"opzione (?:1|a)",
        r"può scegliere",
        r"quale (?:opzione|soluzione)",
        r"in alternativa",
    ),
)
