"""Ordinary after-sales replies in every language that the compliance check must leave alone:
refunds and replacements given without condition, tracking, model, serial, order, case and
tax numbers, prices, addresses and dates, thanks for a review, an honest-review ask, and the
seller saying it cannot change reviews (docs/COMPLIANCE.md, "Round three")."""

import pytest

from tests.unit.domain.compliance_checks import rules

REPLIES = {
    "en": [
        "Hi Laura,\n\nSorry the kettle arrived dented. We've issued a full refund of $39.99 to your original payment method; it should show within 3-5 business days. No need to send it back.\n\nBest,\nMark",
        "Hello,\n\nThe replacement (model LX-220, serial 22B4471) shipped today with UPS, tracking 1Z999AA10123456784. If anything's still off, just reply here.\n\nThanks,\nAmy",
        "Hi James, thanks for the 4-star review and the tip about the manual. We've reworded step 3 on the listing. Enjoy the lamp!",
        "Dear customer, we saw your feedback about the zipper. A new bag is on its way at no cost, and you can keep the old one.",
        "Hi, the A-to-z claim was granted by Amazon and you've been refunded. There's nothing else you need to do.",
        "Hi Tom, the case number for your return is 1234567890. The return label is attached to this message.",
        "Hello, you asked whether the lamp has a 5-star energy rating: it has an A++ label, printed on the box.",
        "Hi Sara, we'd love your honest opinion on the blender once you've used it for a while, good or bad.",
        "Hi, your package is at the post office on 5th Street; please pick it up by Friday with ID.",
        "Hi Ben, the part you need is the 24V adapter (item 4415-823). I've added it to your replacement shipment for free.",
        "Hello, we can't change or remove reviews; only Amazon can do that. Your refund is processed either way.",
        "Hi Kim, we received your complaint about late delivery and have refunded the shipping fee. Sorry again!",
    ],
    "de": [
        "Hallo Frau Meier,\n\ndie Erstattung über 59,90 € ist veranlasst und sollte in 3–5 Werktagen auf Ihrem Konto sein. Eine Rücksendung ist nicht nötig.\n\nViele Grüße\nJonas",
        "Guten Tag, das Ersatzgerät (Modell KX-4400, Seriennummer 22B4471) wurde heute mit DHL verschickt, Sendungsnummer 00340434161234567890.",
        "Vielen Dank für Ihre 4-Sterne-Bewertung und den Hinweis zur Anleitung! Wir haben Schritt 3 angepasst.",
        "Ihre Beschwerde zur Lieferzeit haben wir erhalten und die Versandkosten erstattet.",
        "Der A-bis-z-Antrag wurde von Amazon entschieden, Sie haben Ihr Geld zurück. Sie müssen nichts weiter tun.",
        "Ihr Paket liegt in der Postfiliale in der Hauptstraße 12, 80331 München, bis Freitag zur Abholung bereit.",
        "Wir können Bewertungen weder ändern noch löschen. Ihre Erstattung ist davon unabhängig erfolgt.",
        "Die Rechnung mit USt-IdNr. DE 123 456 789 finden Sie im Anhang, Rechnungsnummer RE-2026-0045.",
    ],
    "fr": [
        "Bonjour Madame Martin,\n\nnous avons procédé au remboursement de 49,90 € ; il apparaîtra sous 3 à 5 jours ouvrés. Inutile de renvoyer l'article.\n\nCordialement,\nLéa",
        "Bonjour, le remplacement (modèle XR-2000, n° de série 22B4471) est parti aujourd'hui par Colissimo, suivi 6A12345678901.",
        "Merci pour votre avis 4 étoiles et pour la remarque sur la notice, nous l'avons corrigée.",
        "Nous avons bien reçu votre réclamation concernant le retard et vous avons remboursé les frais de port.",
        "La réclamation A à Z a été tranchée par Amazon et vous avez été remboursé. Vous n'avez rien d'autre à faire.",
        "Votre colis vous attend au point relais, 12 rue de la Paix, 75002 Paris, jusqu'à vendredi.",
        "Nous ne pouvons ni modifier ni supprimer les avis ; votre remboursement est effectué dans tous les cas.",
    ],
    "es": [
        "Hola Sra. García,\n\nhemos tramitado el reembolso de 39,90 €; lo verá en 3-5 días hábiles. No hace falta devolver el artículo.\n\nUn saludo,\nPablo",
        "Hola, el reemplazo (modelo XR-2000, n.º de serie 22B4471) salió hoy con SEUR, seguimiento 1234 5678 9012 3456.",
        "Gracias por su reseña de 4 estrellas y por el comentario sobre el manual, ya lo hemos corregido.",
        "Hemos recibido su queja por el retraso y le hemos reembolsado los gastos de envío.",
        "Amazon resolvió la reclamación de la A a la Z y ya tiene su dinero. No tiene que hacer nada más.",
        "Su paquete está en la oficina de Correos de la calle Mayor 12, 28013 Madrid, hasta el viernes.",
        "No podemos cambiar ni eliminar reseñas; su reembolso se ha hecho igualmente.",
    ],
    "it": [
        "Gentile Sig.ra Rossi,\n\nabbiamo effettuato il rimborso di 39,90 €; lo vedrà entro 3-5 giorni lavorativi. Non serve restituire l'articolo.\n\nCordiali saluti,\nMarco",
        "Buongiorno, la sostituzione (modello XR-2000, numero di serie 22B4471) è partita oggi con BRT, tracking 123456789012.",
        "Grazie per la recensione a 4 stelle e per il suggerimento sul manuale, l'abbiamo corretto.",
        "Abbiamo ricevuto il suo reclamo per il ritardo e le abbiamo rimborsato le spese di spedizione.",
        "Amazon ha deciso la richiesta di garanzia dalla A alla Z e lei è stata rimborsata. Non deve fare altro.",
        "Il pacco la aspetta all'ufficio postale di via Roma 12, 20121 Milano, fino a venerdì.",
        "Non possiamo modificare né cancellare le recensioni; il rimborso è stato fatto comunque.",
    ],
    "ja": [
        "山田様\n\nこの度はご迷惑をおかけし申し訳ございません。3,980円を全額返金いたしました。3〜5営業日で反映されます。返品は不要です。",
        "交換品（型番KX-4400、製造番号22B4471）を本日ヤマト運輸で発送しました。お問い合わせ番号：1234-5678-9012",
        "星4つのレビューと説明書へのご指摘、ありがとうございます。手順3を修正いたしました。",
        "配送遅延に関するご意見を承り、送料を返金いたしました。",
        "A-to-z保証の申請はAmazonにより承認され、返金が完了しております。お客様のお手続きは不要です。",
        "レビューの変更や削除は当店ではできかねます。返金はすでに完了しております。",
    ],
    "zh": [
        "王女士您好：\n\n非常抱歉给您带来不便。我们已全额退款 39.90 新元，3-5 个工作日内到账，无需退货。",
        "替换件（型号 TH-200，序列号 22B4471）今天已通过顺丰发出，单号 SF1234567890123。",
        "感谢您的四星评价和对说明书的建议，我们已经修改了第三步。",
        "我们收到了您关于延迟发货的投诉，已退还运费。",
        "亚马逊已处理您的 A-to-z 索赔并完成退款，您无需再做任何操作。",
        "我们无法修改或删除评价，退款已照常完成。",
    ],
}
# Remedies given beside a review or a claim, with the words of trades ("on us", "you can keep",
# "deal", "waived") but no condition.
REMEDIES_BESIDE_A_REVIEW = {
    "en": [
        "I read your review and you're right about the hinge. A replacement is on us, and you can keep the old one.",
        "We saw the A-to-z claim; no problem at all. We've refunded you in full and waived the return fee.",
        "Thanks for flagging this in your review. We've upgraded you to the newer model at no cost.",
        "Your claim is being handled by Amazon. Meanwhile, we've shipped a replacement, on the house.",
        "Deal! We'll send the replacement today, and you can keep the faulty one.",
        "If you'd like to update your review after trying the replacement, that's entirely up to you.",
        "When the claim closes, Amazon will refund you automatically; we've also sent a new unit.",
        "Once you receive the replacement, please let us know if the lid fits.",
        "We noticed your 2-star review. Sorry! We've sent a new one, no strings attached.",
        "We've closed your return case and refunded $24.99. Have a great day!",
    ],
    "de": [
        "Wir haben Ihre Bewertung gelesen; der Ersatz geht auf uns, und Sie dürfen das alte Gerät behalten.",
        "Den A-bis-z-Antrag haben wir gesehen; wir haben Ihnen alles erstattet und die Rücksendegebühr erlassen.",
        "Sobald der Antrag geschlossen ist, erstattet Amazon automatisch; Ersatz haben wir bereits verschickt.",
        "Wir haben Ihre 2-Sterne-Bewertung gesehen und schicken Ihnen ohne Bedingungen ein neues Gerät.",
    ],
    "fr": [
        "Nous avons lu votre avis ; le remplacement est pour nous et vous pouvez garder l'ancien.",
        "Nous avons vu la réclamation A à Z ; nous vous avons remboursé et les frais de retour sont offerts.",
        "Une fois la réclamation clôturée, Amazon vous remboursera automatiquement ; nous avons déjà envoyé un nouvel article.",
    ],
    "es": [
        "Hemos leído su reseña; el reemplazo corre de nuestra cuenta y puede quedarse el antiguo.",
        "Vimos la reclamación A-Z; ya le hemos reembolsado y no tiene que pagar la devolución.",
        "Cuando se cierre la reclamación, Amazon le reembolsará automáticamente; ya le hemos enviado otro.",
    ],
    "it": [
        "Abbiamo letto la sua recensione; la sostituzione la offriamo noi e può tenersi il vecchio.",
        "Abbiamo visto la richiesta A-Z; l'abbiamo già rimborsata e le spese di reso sono a nostro carico.",
        "Quando il reclamo verrà chiuso, Amazon la rimborserà automaticamente; abbiamo già spedito un nuovo pezzo.",
    ],
    "ja": [
        "レビューを拝見しました。交換品を無償でお送りします。お手元の商品はそのままお使いいただいて構いません。",
        "A-to-z保証の申請を確認しました。全額返金済みです。",
    ],
    "zh": [
        "看到您的评价了，我们免费给您补发一个，旧的您留着用就行。",
        "看到您的A-to-z索赔了，我们已经全额退款。",
    ],
}
# Notes, matching parts, newer versions and samples sent with a remedy: the words of promotions
# and rating changes about this order only.
THIS_ORDER_ONLY = {
    "en": [
        "We've added a note to your order so the courier calls ahead.",
        "The matching lid was missing from your box; we've shipped it today.",
        "The newer version of the charger is compatible with your model.",
        "We sent a free sample of the cleaning cloth with the replacement, as promised on the listing.",
        "Could you send a photo of the 2 stars printed on the base? That's the batch code.",
        "Your review mentioned the smell. It goes away after a day of airing; we've refunded you anyway.",
        "The case (the carrying case) is included, and we've added a spare strap.",
        "Please rate the replacement's sound from 1 to 5 if you want our engineers to compare.",
        "If it's not working, raise a return in your orders page and we'll refund once it's back.",
        "We pulled the listing photos that showed the wrong colour. Thanks for pointing it out in your review.",
        "We've closed the claim with the carrier and refunded you; there's nothing more to do.",
        "Your 1-star review is fair; we've improved the packaging since. A refund is on its way regardless.",
    ],
    "de": [
        "Wir haben Ihrer Bestellung einen Hinweis ergänzt, damit der Bote vorher anruft.",
        "Der passende Deckel fehlte; wir haben ihn heute nachgeschickt.",
        "Die neuere Version des Ladegeräts passt zu Ihrem Modell.",
        "Nehmen Sie das Gerät bitte aus der Verpackung und schicken Sie uns ein Foto.",
        "Ihre Bewertung erwähnt den Geruch; der verfliegt nach einem Tag. Wir haben trotzdem erstattet.",
    ],
    "fr": [
        "Nous avons ajouté une note à votre commande pour que le livreur appelle.",
        "Le couvercle assorti manquait ; nous l'avons expédié aujourd'hui.",
        "Votre avis mentionne l'odeur ; elle disparaît après une journée. Nous vous avons remboursé malgré tout.",
    ],
    "es": [
        "Hemos añadido una nota a su pedido para que el repartidor llame antes.",
        "Faltaba la tapa a juego; se la hemos enviado hoy.",
        "Su reseña menciona el olor; desaparece en un día. Le hemos reembolsado de todos modos.",
    ],
    "it": [
        "Abbiamo aggiunto una nota all'ordine perché il corriere chiami prima.",
        "Mancava il coperchio abbinato; l'abbiamo spedito oggi.",
        "La sua recensione parla dell'odore; sparisce in un giorno. L'abbiamo comunque rimborsata.",
    ],
    "ja": [
        "ご注文に配達前連絡のメモを追記しました。",
        "不足していた同じシリーズの蓋を本日発送しました。",
        "レビューでご指摘のにおいは一日で消えます。返金も済ませております。",
    ],
    "zh": [
        "我们在订单里备注了请快递员提前打电话。",
        "配套的盖子漏发了，今天已补寄。",
        "您评价里提到的味道放一天就会散掉，我们也已经退款。",
    ],
}


@pytest.mark.parametrize(
    ("language", "body"),
    [
        (language, body)
        for table in (REPLIES, REMEDIES_BESIDE_A_REVIEW, THIS_ORDER_ONLY)
        for language, bodies in table.items()
        for body in bodies
    ],
)
def test_ordinary_replies_have_no_error_finding(language: str, body: str) -> None:
    assert rules(body, language) == set()
