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
        r"(?:trova|troverà|scopra|scopri|visiti|passi)(?: \w+){0,4} nel nostro negozio",
        r"(?:i )?nostri altri (?!clienti)\w+|(?:dia|dai) un'occhiata ai nostri",
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
        r"nuova (?:linea|gamma|serie)|lanci(?:amo|eremo)|(?:passi|venga|vieni) a (?:vedere|trovarci)",
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
        r"(?:5|cinque) stellin[ae]|(?:5|cinque) ?(?:⭐|★)|(?:il )?massimo dei voti|(?:punteggio|voto) pieno",
    ),
    review_ask=(
        r"aspettiamo|speriamo|contiamo su|spero",
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
        r"lasc\w*|mett\w*|ci farebbe (?:molto )?piacere|fa(?:rebbe)? tantissimo|ci aiut\w*",
    ),
    thanks=(r"grazie (?:mille )?per", r"la ringraziamo per"),
    request=(
        r"per favore|per cortesia|potrebbe|potresti|può|puoi|vorrebbe|vorresti",
        r"le chiediamo|la preghiamo|ti chiediamo|ti preghiamo",
        r"se|quando|appena|una volta che",
        r"gradiremmo|saremmo grat\w*|ci farebbe piacere|apprezzerem\w*|speriamo|confidiamo|contiamo",
        r"magari|sarebbe possibile|le dispiacerebbe|ti dispiacerebbe|la cortesia",
    ),
    satisfied=(
        r"se (?:(?!non )\w+ )?(?:è|sei|è stata?|siete) (?:(?!non )\w+ )?(?:soddisfatt|content|felic)\w*",
        r"se (?:(?!non )\w+ ){0,3}(?:le|ti|vi) (?:è |sono )?piac(?!erebbe)\w*",
        r"se (?:tutto|il prodotto) (?:\w+ )?(?:va|funziona) bene",
    ),
    divert=(
        r"prima di lasciare (?:una |un )?(?:\w+ )?(?:recensione|valutazione|feedback|commento)",
        r"invece di lasciare (?:una |un )?(?:\w+ )?(?:recensione|valutazione|feedback)",
    ),
    negation=(
        r"mai",
        r"non (?:le |ti |vi )?(?:chiediamo|chiederemo|chiederemmo|chiedo|pretendiamo)",
        r"indipendentemente|a prescindere|qualunque (?:sia|cosa)",
        r"senza (?:alcuna )?condizion[ei]|non (?:è|sono) condizionat\w*",
        r"(?:resta|è) (?:\w+ )?(?:una )?(?:sua|tua) (?:scelta|decisione)",
    ),
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
        r"omaggi\w*|carta regalo|\d+ ?(?:€|euro)|€ ?\d+|(?:la )?metà|\d+ ?% di rimborso",
        r"(?:lo |la |le |glielo |gliela )?(?:spediamo|spediremo|inviamo|invieremo|mandiamo|manderemo)",
    ),
    claim_act=(r"chiud\w*", r"chius\w*", r"ritir\w*", r"annull\w*", r"cancell\w*", r"revoc\w*"),
    claim_closed=(r"chius[oaie]|chiud\w*|revocat\w*|archiviat\w*",),
    claim=(
        r"reclam[oi]",
        r"richiest[ae] di rimborso dalla a alla z",
        r"garanzia dalla a alla z",
        r"a-?to-?z",
        r"contestazion[ei]",
        r"chargeback",
        r"controversi[ae]",
        r"(?:la|sua|questa) pratica|pratiche|segnalazion[ei]|storn[oi]|lamentel[ae]|disput[ae]",
        r"(?<!in\s)(?:il|suo|questo) caso",
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
        r"alz\w*|aument\w*|rived\w*|rivalut\w*|ripens\w*|correg\w*|togli\w*",
        r"dar(?:e|ci|gli)? (?:un'altra|una nuova|una seconda) occhiata|(?:un'altra|una seconda) occhiata",
    ),
    feedback=(
        r"recen[sz]ion[ei]",
        r"valutazion[ei]",
        r"feedback",
        r"comment[oi]",
        r"stell[ae]",
        r"stellin[ae]|vot[oi]|giudizi[oi]|punteggio",
    ),
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
        r"come ringraziamento|per ringraziarla|in segno di|che ne dice|che ne pensa|le va bene",
        r"(?:se )?ci fa(?:ccia)? la cortesia",
    ),
    first_person=(r"abbiamo|ho|noi|io",),
    exchange=(
        r"e (?:ricevi|riceva|ottieni|otterrà)|per (?:ogni |la sua )?recensione|in cambio|come ringraziamento",
    ),
    automatic=(r"automaticamente", r"da amazon", r"amazon (?:chiuderà|chiude)"),
    sells_elsewhere=(
        r"abbiamo|vendiamo|offriamo|proponiamo|stiamo \w+ndo",
        r"(?:il )?nostro (?:negozio|shop|profilo|account)|la nostra (?:pagina|vetrina|bottega)",
        r"(?:scriveteci|scrivici|contattaci) (?:lì|là)",
    ),
    sale=(
        r"acquist\w*|compr(?:are|arlo|arla|i)|più economic\w*|prezz\w*|offert\w*|scont\w*",
        r"spedizione gratuita|saldi|in vendita|svend\w*|altri (?:prodotti|modelli|colori)",
    ),
    follow_on=(r"poi", r"dopo(?:di che)?", r"quindi", r"in cambio", r"fatto questo", r"come ringraziamento"),
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
    verb_first=True,
)
