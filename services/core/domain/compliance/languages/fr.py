"""French keyword tables."""

from services.core.domain.compliance.lexicon import Lexicon

_WEEKDAYS = r"lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche"
_MONTHS = r"janvier|février|mars|avril|mai|juin|juillet|août|septembre|octobre|novembre|décembre"
_NUMBER_WORDS = r"\d+|un|une|deux|trois|quatre|cinq|six|sept|dix"

LEXICON = Lexicon(
    language="fr",
    spaced=True,
    marketing=(
        r"codes? promo\w*",
        r"codes? de (?:réduction|remise)",
        r"bons? de réduction",
        r"coupons?",
        r"suivez[- ]nous",
        r"abonnez[- ]vous",
        r"newsletters?",
        r"lettre d'information",
        r"nos autres (?:produits|articles|modèles)",
        r"(?:notre|la) nouvelle collection",
        r"nos nouveautés",
        (
            r"(?:visitez|découvrez|consultez|parcourez) (?:notre|nos) (?:boutique|site|magasin|"
            r"vitrine|produits|gamme|catalogue)"
        ),
        r"offres? spéciales?",
        r"promotions? en cours",
        r"soldes",
        r"\d+ ?% de (?:réduction|remise) sur (?:votre prochaine|vos prochains|tous?|toute)",
        (
            r"(?:réduction|remise|code|bon)\W+(?:\w+\W+){0,4}"
            r"(?:sur|pour) (?:votre|vos) prochain(?:e|s|es)? (?:commande|achat)s?"
        ),
    ),
    review_positive=(
        r"(?:5|cinq) étoiles",
        (
            r"(?:avis|commentaire|évaluation|note)s? (?:positi(?:f|ve)s?|favorables?|5 étoiles|"
            r"cinq étoiles)"
        ),
        (
            r"(?:bon|bonne|excellent|excellente|très bon|très bonne) (?:avis|évaluation|note|"
            r"commentaire)"
        ),
    ),
    review_ask=(
        r"laisser",
        r"laissez",
        r"donner",
        r"attribuer",
        r"écrire",
        r"merci de",
        r"s'il vous plaît",
        r"svp",
        r"pourriez",
        r"pouvez-vous",
        r"voudriez",
        r"modifier",
        r"aiderait",
        r"aide beaucoup",
        r"serions (?:ravis|reconnaissants)",
        r"apprécierions",
    ),
    thanks=(r"merci (?:beaucoup )?pour", r"nous vous remercions pour"),
    benefit=(
        r"rembours\w*",
        r"remplacement",
        r"remplac\w*",
        r"cadeaux?",
        r"réduction",
        r"remise",
        r"dédommag\w*",
        r"compensation",
        r"geste commercial",
        r"gratuit\w*",
        r"bons? d'achat",
        r"avoir",
    ),
    claim_act=(r"ferm\w*", r"retir\w*", r"annul\w*", r"clôtur\w*", r"abandonn\w*", r"supprim\w*"),
    claim=(
        r"réclamations?",
        r"garantie a à z",
        r"garantie a-?to-?z",
        r"a-?to-?z",
        r"litiges?",
        r"rétrofacturations?",
        r"chargebacks?",
        r"contestations?",
    ),
    feedback_act=(
        r"supprim\w*",
        r"suppression",
        r"retir\w*",
        r"retrait",
        r"modifi\w*",
        r"chang\w*",
        r"mettre à jour",
        r"mis à jour",
        r"mettiez à jour",
        r"mettez à jour",
        r"révis\w*",
        r"amélior\w*",
        r"reconsidér\w*",
    ),
    feedback=(r"avis", r"commentaires?", r"évaluations?", r"notes?", r"feedback", r"étoiles?"),
    trade_marker=(
        r"si",
        r"s'il",
        r"dès que",
        r"une fois",
        r"après",
        r"lorsque",
        r"quand",
        r"en échange",
        r"en contrepartie",
        r"en retour",
        r"merci de",
        r"pourriez",
        r"veuillez",
        r"nous vous demandons",
        r"à condition",
        r"pour (?:la |le )?(?:suppression|retrait|modification|supprimer|retirer|modifier|annuler)",
        r"seulement",
        r"ensuite",
        r"puis",
    ),
    automatic=(r"automatiquement", r"par amazon", r"amazon (?:va |fermera|clôturera|ferme)"),
    follow_on=(r"ensuite", r"puis", r"après cela", r"en échange", r"en contrepartie", r"en retour"),
    blunt_imperative=(
        r"veuillez patienter",
        r"attendez",
        r"patientez",
        r"(?<!si\s)vous devez",
        r"il faut que vous",
        r"vous êtes obligée?",
        r"ne nous contactez (?:pas|plus)",
        r"soyez patiente?",
    ),
    alarm_subject=(r"important\w*", r"urgent\w*", r"attention"),
    critical_topic=(
        (
            r"ne (?:peut|pourra|pouvons) pas (?:être )?(?:expédiée?|livrée?|envoyée?|expédier|"
            r"livrer|envoyer)"
        ),
        r"impossible (?:d'expédier|de livrer|d'envoyer)",
        r"rappel\w*",
        r"sécurité",
        r"adresse",
        r"douane\w*",
        r"retirer (?:votre|le) colis",
        r"bureau de poste",
        r"point relais",
    ),
    action_promise=(
        (
            r"nous (?:allons|reviendrons|vous recontacterons|recontacterons|vérifierons|"
            r"examinerons|enverrons|rembourserons|vous tiendrons|vous informerons|traiterons|"
            r"ferons)"
        ),
        r"dans les plus brefs délais",
        r"dès que possible",
        r"au plus vite",
        r"sous peu",
        r"prochainement",
    ),
    concrete_time=(
        rf"(?:sous|dans|d'ici) (?:les )?(?:{_NUMBER_WORDS}) (?:heures?|jours?|semaines?)",
        rf"(?:{_NUMBER_WORDS}) (?:heures?|jours?|semaines?)",
        r"jours? ouvr(?:és|ables)",
        r"aujourd'hui",
        r"demain",
        r"ce soir",
        r"d'ici (?:demain|la fin)",
        _WEEKDAYS,
        rf"\d{{1,2}}(?:er)? (?:{_MONTHS})",
    ),
    choice=(
        r"soit\b[\s\S]{0,200}?\bsoit",
        r"préférez-vous",
        r"préféreriez-vous",
        r"si vous préférez",
        r"ou bien",
        r"option (?:1|a)",
        r"au choix",
        r"vous pouvez choisir",
        r"quelle (?:option|solution)",
        r"alternativement",
    ),
)
