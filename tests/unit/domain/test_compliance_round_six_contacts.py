"""The contact and competitor families of round six (docs/COMPLIANCE.md, "Round six: link,
email, phone and competitor"): at signs named or nicknamed between the pieces of an address,
providers written as they sound, middle dots and commas for dots, spaced schemes and link
shorteners, a host with a path, mobiles with the old Mexican 1, numbers mixing a word with
digits after a prefix, toll-free numbers spelled with letters, product codes, marketplaces and
payment apps described or nicknamed, misspelt and short payment names, cash paid in outside
Amazon; each in all seven languages on wordings that are no corpus message, and the clean
look-alikes."""

import pytest

from tests.unit.domain.compliance_checks import errors, rules


@pytest.mark.parametrize(
    ("language", "body"),
    [
        ("en", "Write to us: the shop name, then the at sign, then outlook.com, easy."),
        ("de", "Schreiben Sie an: unser Ladenname, dann Klammeraffe, dann web.de"),
        ("fr", "Écrivez au nom de l'atelier, puis arobase, puis orange.fr"),
        ("es", "Escríbenos: el nombre de la tienda, luego arroba, luego hotmail.es"),
        ("it", "Scrivici: il nome del negozio, poi chiocciola, poi libero.it"),
        ("ja", "店名、その後にアットマーク、その後に gmail.com へどうぞ。"),
        ("zh", "店名，然后艾特，然后 qq.com 就行。"),
        ("en", "reach me at tom.wood at g mail dot com"),
        ("de", "schreiben Sie an laden.mueller at G-Mail Punkt com"),
        ("fr", "écrivez à atelier.sable arobas hot mail point fr"),
        ("es", "escríbeme a tienda.sol arroba hot mail punto es"),
        ("it", "scrivimi a bottega.luna chiocciolina gee mail punto com"),
        ("ja", "kobo.hinata アットマーク ジーメール ドット コム までお願いします。"),
        ("zh", "发到 shop_tang 小老鼠 gmail 点 com 就行。"),
        ("en", "write to lamp.world(a)gmail.com for the photos"),
        ("de", "Mail an laden-mueller (ät) web (punkt) de"),
        ("fr", "écrivez à contact arobase atelier-sable point fr"),
        ("es", "escríbenos a ventas arroba tiendasol punto com"),
        ("it", "scrivi a info chiocciola bottegaluna punto it"),
        ("ja", "お問い合わせは shop あっとまーく ochaya どっと jp まで"),
        ("zh", "邮箱：sales 艾特 chaxiang 点 cn"),
    ],
)
def test_addresses_in_pieces_with_a_named_at_sign_or_a_spoken_provider_are_email(
    language: str, body: str
) -> None:
    found = rules(body, language)
    assert "email" in found
    assert "link" not in found


@pytest.mark.parametrize(
    ("language", "body"),
    [
        ("en", "Full guide at www·lampworld·com"),
        ("de", "Alles unter www,kuechenprofi,de nachlesen."),
        ("fr", "Voir ateliersable·fr pour la notice."),
        ("es", "Mira www·tiendasol·es para más."),
        ("it", "Trova tutto su www·bottega·it"),
        ("ja", "詳しくは www・ochashop・jp をご覧ください。"),
        ("zh", "详情见 www·chaxiang·cn 。"),
        ("en", "video here: t i n y u r l . com / lamp-fix"),
        ("de", "Anleitung: h t t p s : / / laden . de / anleitung"),
        ("fr", "la vidéo : c u t t . l y / notice"),
        ("es", "el vídeo: bit punto ly / manual-sol"),
        ("it", "video: r b . g y / pulizia"),
        ("ja", "動画はこちら：bit ドット ly / setsumei"),
        ("zh", "视频：bit 点 ly / shuoming"),
        ("en", "All our links: linktr.ee/lampworld"),
        ("it", "Tutti i link su lnk.bio/bottegaluna"),
        ("en", "check lampworld dot com slash manuals"),
        ("de", "siehe laden-mueller Punkt de Schrägstrich hilfe"),
        ("ja", "ochaya てん jp / manual をご覧ください"),
        ("zh", "请看 chaxiang 点 cn 斜杠 shuoming"),
        ("es", "visita tiendasol punto com barra manuales"),
        ("it", "vai su bottegaluna punto com barra guide"),
        ("fr", "allez sur atelier-sable point fr barre notice"),
        ("fr", "Tout est sur atelier·fr maintenant."),
    ],
)
def test_odd_dots_spaced_schemes_and_shorteners_are_links(language: str, body: str) -> None:
    assert rules(body, language) == {"link"}


@pytest.mark.parametrize(
    ("language", "body"),
    [
        ("en", "Call +52 1 55 1234 5678 any time."),
        ("en", "Text us on +44 seven 700 900 482."),
        ("de", "Rufen Sie +49 eins 76 1234 5678 an."),
        ("fr", "Appelez le +33 six 12 34 56 78."),
        ("es", "Llámame al +34 seis 12 345 678."),
        ("it", "Mi chiami al +39 tre 33 123 4567."),
        ("ja", "お電話は +81 九〇 1234 5678 まで"),
        ("zh", "电话 +86 一三八 0013 8000"),
        ("en", "Call 1-800-LAMPFIX any time."),
        ("en", "Ring me: oh seven seven double oh, nine hundred, four eight two."),
        ("de", "Handy: null eins sieben sechs, 123 45 678"),
        ("de", "Rufen Sie gratis 0800-LAMPEN an."),
        ("en", "Call 1-800-GOT-JUNK for pickup."),
    ],
)
def test_mexican_mobiles_and_a_word_after_a_prefix_are_phones(language: str, body: str) -> None:
    assert "phone" in rules(body, language)


@pytest.mark.parametrize(
    ("language", "body"),
    [
        ("en", "You'll find the cushions on the big auction site under our name."),
        ("en", "Our other colours are on the orange marketplace."),
        ("en", "I can send it through the app with the blue P."),
        ("de", "Die Bezüge finden Sie bei uns auf der Auktionsplattform mit den vier Farben."),
        ("de", "Die anderen Farben gibt es auf dem orangen Marktplatz."),
        ("de", "Die Ersatzteile gibt es auf der Kleinanzeigen-Seite."),
        ("fr", "Les housses sont sur le site de petites annonces, cherchez Atelier Lin."),
        ("fr", "Les autres coloris sont sur la plateforme orange."),
        ("es", "Las fundas están en el sitio de subastas, busca CasaSol."),
        ("es", "Los otros tamaños están en el mercadito amarillo."),
        ("it", "Li trovi sul sito di annunci, cerca Bottega Luna."),
        ("it", "Gli altri colori sono sulla piattaforma arancione."),
        ("ja", "他の色はフリマアプリに出品しています。"),
        ("ja", "他の柄は青いロゴのオークションアプリにあります。"),
        ("zh", "其他颜色在橙色那个平台上有，搜店名就行。"),
        ("zh", "其他配件在二手平台上有。"),
        ("de", "Das Teil gibt es beim Ali für zwei Euro."),
        ("es", "Los demás están en MeLi, busca CasaSol."),
        ("en", "Get the spare on Ali for a dollar."),
        ("en", "I'll refund you on PeiPal right away."),
        ("de", "Ich schicke es per Paypall zurück."),
        ("es", "Te devuelvo el dinero por Bizzum."),
        ("es", "Te lo devuelvo por Zel hoy."),
        ("es", "Te lo mando por MP hoy."),
        ("zh", "我用zfb退给您。"),
        ("zh", "我vx转账给您。"),
        ("ja", "差額はペイパールでお返しします。"),
        ("en", "You can pay me directly in cash, cheaper than Amazon."),
        ("de", "Per Bareinzahlung ist es günstiger als über Amazon."),
        ("fr", "Par mandat cash c'est moins cher qu'Amazon."),
        ("es", "Paga con depósito en efectivo, sale más barato."),
        ("it", "Con un versamento in contanti le costa meno."),
        ("ja", "現金書留でお送りいただければ割引します。"),
        ("zh", "私下付款可以便宜一点。"),
        ("it", "Può pagare in tre rate con Scalapay sul nostro sito."),
        ("es", "Puedes pagar con Aplazame en nuestra web."),
        ("fr", "Payez en 4 fois avec Oney chez nous."),
        ("de", "Zahlen Sie bequem mit Ratepay bei uns."),
        ("ja", "ペイディーでのお支払いも可能です。"),
        ("en", "The spares are on the Chinese auction site, search LampWorld."),
        ("en", "Same thing is cheaper on that Chinese bargain app."),
        ("fr", "Les housses sont sur LBC, cherchez Atelier Lin."),
        ("es", "Los tengo en Walla más baratos."),
        ("zh", "马云家搜我们店名就有。"),
        ("zh", "用zhifubao转给您。"),
        ("ja", "青いPのアプリで返金します。"),
        ("zh", "用蓝色P的那个app退给您。"),
        ("it", "Glieli rimborso con l'app con la P blu."),
        ("es", "Te lo devuelvo por la app de la P azul."),
        ("fr", "Je vous rembourse par l'appli au P bleu."),
        ("de", "Ich erstatte es über die App mit dem blauen P."),
        ("en", "I'll refund you on PayPaI today."),
        ("en", "Send 0.001 BTC and we ship."),
        ("ja", "ペ○ペイで送金します。"),
        ("es", "Te lo mando por MP hoy."),
        ("fr", "Les housses sont sur le bon coin, cherchez Atelier Lin."),
    ],
)
def test_described_nicknamed_and_misspelt_competitors_and_cash_outside_amazon(
    language: str, body: str
) -> None:
    assert "competitor" in rules(body, language)


def test_a_host_with_a_path_after_at_is_a_link_not_an_address() -> None:
    found = [
        (f.rule, f.excerpt)
        for f in errors("The fixed manual is up at lampguides dot net slash x2 now.", "en")
    ]
    assert found == [("link", "lampguides dot net slash x2")]


def test_an_address_in_pieces_reports_from_the_at_sign_to_the_host() -> None:
    body = "Für Fotos: unser Ladenname, dann das At-Zeichen, dann web.de."
    assert [(f.rule, f.excerpt) for f in errors(body, "de")] == [("email", "At-Zeichen, dann web.de")]


@pytest.mark.parametrize(
    ("language", "body"),
    [
        ("en", "The spare part number is 0800003, it is in the bag."),
        ("de", "Die Artikelnummer 0800003 steht auf dem Beutel."),
        ("fr", "La référence 0800003 est dans le sachet."),
        ("es", "El código 0800003 viene en la bolsa."),
        ("it", "Serve il ricambio 0800003, lo trova nella busta."),
        ("ja", "品番 0800003 の部品が同梱されています。"),
        ("zh", "货号 0800003 的配件在袋子里。"),
        ("fr", "Merci à tous nos client·es pour leur patience."),
        ("fr", "Du point de vue technique, la pièce est conforme."),
        ("en", "The at sign was missing in the address you gave Amazon, please check it there."),
        ("en", "Sorry, the orange one is sold out; the blue one ships today."),
        ("fr", "Le voyant vert de l'appareil clignote au besoin."),
        ("fr", "Les prix au pays de Galles sont identiques."),
        ("de", "Ich habe mit Ali aus dem Lager gesprochen, das Paket geht heute raus."),
        ("de", "Die Akku-Zelle ist getauscht."),
        ("en", "The camera has 12 MP and records in 4K."),
        ("es", "Hablé con Meli del almacén, sale hoy."),
        ("en", "We are a bit / a lot faster now."),
        ("it", "La custodia arancione è esaurita, quella blu parte oggi."),
        ("ja", "赤いロゴのシールが箱に貼ってあります。"),
        ("zh", "橙色的那个盖子明天发货。"),
        ("es", "Puede pagar en OXXO al hacer su pedido en Amazon."),
        ("en", "We will never ask you to pay us directly in cash."),
        ("it", "Il nome del negozio, poi la chiocciola: lo trova sulla pagina Amazon."),
        ("en", "Visit the Amazon help page at amazon dot com slash help."),
        ("en", "The https : / / part of the address you typed is fine."),
        ("de", "Wir liefern auch nach Zell am See."),
        ("de", "Ich war bei Zell am See im Urlaub."),
        ("en", "I'll send you the handmade one tomorrow."),
        ("en", "Our orange website has the manual under Support on Amazon."),
        ("en", "The blue one with the P logo is the premium model."),
        ("ja", "青いPのマークが付いたボタンを押してください。"),
        ("en", "That auction one was a joke, sorry."),
        ("en", "Choose option (a) or (b) and Amazon will refund you."),
        ("en", "Sold at 1-800 stores? No, only here."),
        ("en", "The motor runs at 900 RPM quietly."),
        ("ja", "対応機器：PC・TV・タブレット"),
        ("fr", "Glissez l'étiquette dans le bon coin du carton."),
        ("fr", "Envoyez-moi un MP si besoin, ou par MP ici."),
        ("it", "Mi scriva pure in MP qui su Amazon, con MP le rispondo."),
        ("en", "Acting on Ali's advice, we repacked it."),
        ("en", "The pink platform sandals ship today."),
        ("de", "Die rote Seite des Kabels gehört nach oben."),
        ("en", "The SKU 800-ABCD123 is on the label."),
        ("de", "Das Gemälde für den Druck stammt aus einem Auktionshaus in Wien."),
    ],
)
def test_look_alikes_of_the_round_six_contact_families_stay_clean(language: str, body: str) -> None:
    assert rules(body, language) == set()
