"""What takes a review request or a trade back: the request disclaimed or turned down
("we would never ask you to ...", "regardless of your rating", the buyer's own proposal declined),
a change said not to be needed, and a neutral ask ("honest feedback, good or bad")."""

import re

from services.core.domain.compliance.text import words

_I = re.IGNORECASE

# The buyer's own question reported: "you asked whether matching pillowcases exist", "Me pregunta
# si tiene que cambiar su valoración", "您问有没有".
BUYER_QUESTION = (
    r"\byou (?:ask(?:ed)?|wonder(?:ed)?) (?:us )?(?:whether|if)\b|\bsie fragen,? ob\b|\bvous (?:nous )?demandez si\b"
    r"|\b(?:me|nos) pregunta,? si\b|\bmi chiede se\b|\bci chiede se\b|有买家问过|お問い合わせいただいた"
)
# The request or trade taken back.
NEGATED = re.compile(
    words(
        r"一切(?:ございません|ありません|いたしません)|求めておりません|お願いすること(?:は|も)(?:ございません|ありません)",
        # a request disclaimed, not a loss ("損をさせることは絶対にありません", "绝对不会让您吃亏")
        r"お願いすることは絶対に(?:ありません|ございません)|絶対に(?:お願い|求め|要求)(?:しません|いたしません)",
        r"(?:一切|全く)関係(?:ありません|ございません|ない)|お願い(?:は)?(?:しません|いたしません|しておりません)",
        # nothing asked of the buyer at all: "le rispediamo un articolo nuovo senza che lei debba fare nulla"
        r"\bwithout you (?:having|needing) to do anything\b|\bohne dass sie (?:\w+ )?(?:etwas|irgendetwas) tun müssen\b"
        r"|\bsans que vous (?:n['’])?ayez (?:rien )?à faire\b|\bsin que usted tenga que hacer nada\b"
        r"|\bsenza che lei debba fare nulla\b|您?无需做任何(?:操作|事情)|何も(?:していただく|なさる)必要は(?:ございません|ありません)"
        # the refund untouched by what the buyer writes: "cela ne change rien au remboursement"
        r"|\b(?:cela|ça) ne change rien (?:au|à votre) remboursement\b|\bdoesn['’]t change (?:anything about )?(?:the|your) refund\b"
        r"|\bändert nichts an (?:der|ihrer) erstattung\b|\bno cambia nada (?:del|de su) reembolso\b|\bnon cambia nulla (?:del|per il) rimborso\b",
        # nothing asked in return: "nothing you need to do in return", "ohne Gegenleistung"
        r"\bnothing (?:you need to do |to do |is expected )?in return\b|\bgegenleistung erwarten wir (?:dafür )?nicht\b"
        r"|\bohne (?:jede )?gegenleistung\b|\bsans (?:aucune )?contrepartie\b|\bsin nada a cambio\b|\bsenza nulla in cambio\b"
        r"|見返りは(?:求め|いただき)ません|不需要任何回报|(?:绝对|絕對|从来)不会?用[^，。,]{0,6}(?:换|換)|怎么写都随你",
        # the buyer's own proposal reported, and turned down: "You asked for 30% off in return for
        # five stars, and we have to say no", "vous nous proposez de supprimer votre avis en échange"
        r"\byou (?:asked|offered|proposed|suggested) (?:us )?(?:for|to|that)\b|\bsie schreiben,? sie würden\b|\bihr vorschlag\b"
        r"|\bvous (?:nous )?(?:proposez|suggérez)\b|\b(?:nos|me) propone\b|\bsu propuesta\b|\b(?:lei )?ci propone\b"
        r"|\bla sua proposta\b|とのご提案|您提出|您的提议"
        r"|\bwe (?:have to|must) say no\b|\bwe can(?:not|'t) make that\b|\bdarauf lassen wir uns nicht ein\b"
        r"|\bkeinerlei gegenleistung\b|\bnous ne pouvons pas accepter\b|\bce n['’]est pas possible\b|\binterdisent toute contrepartie\b"
        r"|\bno podemos (?:aceptar|hacerle|hacerte)\b|\bno permiten ofrecer\b|\bnon possiamo (?:accettare|fartelo|farglielo)\b"
        r"|\bvietano qualsiasi\b|お出しできません|応じられません|不能答应|无法答应|做不到|不得[^，。]{0,10}回报"
        # the buyer changed the rating of their own accord: "we noticed you updated your review"
        r"|(?<!once )(?<!when )(?<!if )(?<!after )\byou (?:have )?(?:updated|changed|edited|revised)\b"
        r"|\bha (?:aggiornato|cambiato|modificato) la (?:sua )?recensione\b|更新してくださった|更新了评价|修改了评价",
        # the buyer's own question reported: "Me pregunta si tiene que cambiar su valoración"
        BUYER_QUESTION,
        # the refund said not to depend on the review: "la respuesta es no", "non è legato alla sua recensione"
        r"\bdoes(?:n't| not) depend on\b|\bthe answer is no\b|\bno strings attached\b|\bhängt nicht von\b"
        r"|\bne dépend pas\b|\bla respuesta es no\b|\bno (?:le )?pedimos a nadie\b|\bno depende de\b"
        r"|\bnon è legat[oa]\b|\bnon dipende\b|\bnon rientra nel nostro\b|不附带任何条件|不会提这种要求|——不需要",
        r"決して(?:ございません|ありません|いたしません|しません)",
        r"没有任何(?:附加)?条件|沒有任何(?:附加)?條件|完全由您(?:自己)?(?:决定|決定)",
        r"(?:绝对|絕對|绝|絕)不会?[^，。]{0,8}?(?:要求|请您|请你|要您|让您(?:修改|改|删))|絕對不會[^，。]{0,8}?(?:要求|請您|請你|要您)",
        # nothing expected for it: "wir erwarten dafür keinerlei Änderung an Ihrer Rezension"
        r"\bwe (?:don't|do not) expect (?:any|anything)\b|\bwe expect nothing\b|\berwarten (?:wir )?(?:dafür )?(?:keinerlei|keine|nichts)\b"
        r"|\bn['’]attendons (?:aucun|rien)\b|\bno esperamos (?:ningún|ninguna|nada)\b|\bnon ci aspettiamo (?:alcun|nulla|niente)\b",
        r"\bregardless\b|\bin any case\b|\bunconditional\w*|\bunabhängig\b|\bin jedem fall\b|\bbedingungslos\b",
        r"\bquel que soit\b|\bdans tous les cas\b|\bsans condition\b|\bsea cual sea\b|\ben cualquier caso\b|\bsin condiciones\b",
        r"\ba prescindere\b|\bin ogni caso\b|\bsenza condizioni\b|无论|不管|无条件|関係なく|かかわらず",
    ),
    _I,
)
# A change the buyer is told is not needed.
NOT_NEEDED = re.compile(
    r"\bno (?:need|pressure|obligation)\b|\bnot (?:necessary|required|needed)\b|\bno tiene que\b|\bnon deve\b"
    r"|\bcan stay (?:exactly )?as it is\b|\bmuss sich nichts ändern\b|\bpeut rester tel(?:le)? quel(?:le)?\b"
    r"|必要は(?:一切)?(?:ありません|ございません|なく|ない)|不用改|不需要改",
    _I,
)
NEUTRAL = re.compile(
    words(
        r"\b(?:we|i) understand if\b|\bwir verstehen\b|\bnous comprenons\b|\bentendemos\b|\bcapiamo\b",
        r"\bhonest\w*|\bgood or bad\b|\bwhatever you\b|\beither way\b|\bpositive or negative\b",
        r"\bpositive or critical\b|\bof any kind\b|\bor nothing at all\b"
        r"|\behrlich\w*|\bgut oder schlecht\b|\bsincère\w*|\bhonnête\w*|\bbon ou mauvais\b",
        r"\bsincer[ao]s?\b|\bhonest[ao]s?\b|\bbuena o mala\b|\bbuona o cattiva\b|\bonest[ao]\b",
        r"正直|率直|ありのまま|真实|如实|客观",
        # what the buyer thinks right, whatever it is: "was Sie für richtig halten", "quel qu'il soit"
        r"\bso oder so\b|\bwas sie für richtig halten\b|\bwhat you (?:think|consider|feel) (?:is )?(?:fair|right)\b"
        r"|\bquel qu['’]il soit\b|\bquelle qu['’]elle soit\b|\blo que usted considere (?:justo|correcto)\b"
        r"|\bquello che (?:lei )?ritiene (?:giusto|corretto)\b",
        r"お客様の(?:ご)?判断|ご判断にお任せ|お客様の自由|ご自由に|由您(?:自己)?(?:决定|決定)|您来决定",
    ),
    _I,
)
# A rating reported as given: what the seller read or received ("we've just read your five-star
# review", "星5つのレビューをいただき、", "您给灯笼留下的五星评价").
GIVEN_RATING = re.compile(
    r"\bwe(?:'ve| have)? (?:just )?(?:read|seen|saw|noticed)\b|\babbiamo (?:appena )?(?:letto|visto)\b"
    r"|\bwir haben (?:gerade )?(?:\w+ ){0,3}(?:gelesen|gesehen)\b|\bnous avons (?:bien )?(?:lu|vu)\b"
    r"|\b(?:hemos|acabamos de) (?:leído|visto|leer|ver)\b|(?:レビュー|評価)を(?:いただき|頂き)(?:、|まして)|留下的|看到您",
    _I,
)
