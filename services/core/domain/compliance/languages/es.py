"""Spanish keyword tables."""

from services.core.domain.compliance.lexicon import Lexicon

_WEEKDAYS = r"lunes|martes|miércoles|jueves|viernes|sábado|domingo"
_MONTHS = (
    r"enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|setiembre|octubre|noviembre"
    r"|diciembre"
)
_NUMBER_WORDS = r"\d+|un|una|dos|tres|cuatro|cinco|seis|siete|diez"

LEXICON = Lexicon(
    language="es",
    spaced=True,
    marketing=(
        # a loyalty programme, the seller's new collection announced (round eight)
        r"programa de (?:lealtad|fidelidad|puntos)|tarjeta de (?:lealtad|fidelidad)|acumula\w* (?:\w+ )?puntos|(?:gana|suma) puntos",
        r"(?:por|un|al) (?:dm|md)\b|mensaje directo (?:en|por)",
        # a messenger described, a referral programme, a sale announced (round six)
        r"(?:la )?app(?:licación)? verde|el (?:chat|mensajero) verde|la app del avioncito",
        # pedidos al por mayor con presupuesto del vendedor; la misma serie también a la venta
        r"(?:más unidades|pedidos? (?:al por mayor|grandes|futuros))[^.!?]{0,120}\b(?:le|te) (?:preparamos|hacemos|damos) (?:un )?(?:presupuesto|precio|descuento)",
        r"de la misma (?:serie|colección|línea) (?:\w+ ){0,4}también (?:tenemos|vendemos)",
        r"(?:al pagar|en el carrito|en la caja) (?:\w+ ){0,4}(?:obtienes|obtiene|tendrás|tendrá|ahorras|ahorra) (?:un )?\d+ ?% de descuento",
        r"te (?:lo|la|los|las) (?:dejo|aparto|reservo) (?:a|en) (?:mitad de precio|\d+ ?%|\d+ (?:pesos|euros))|te (?:aparto|reservo) (?:uno|una|dos)|el (?:modelo )?sucesor (?:\w+ ){0,3}(?:sale|llega)",
        r"todo (?:el|nuestro) catálogo (?:de \w+ )?lo (?:tienes|tiene|encuentras|encuentra)|descubre (?:la|nuestra|toda la) colección",
        r"programa de (?:embajador\w*|referidos|afiliados)|invita a (?:un|una|tus) amig\w* y gana|trae a un amigo",
        r"ventas? privadas?|hasta (?:un )?-?\d+ ?% de descuento|hasta -\d+ ?%|black week",
        r"(?:toda )?(?<!es\x20de\x20)(?<!parte\x20de\x20)nuestra (?:colección|gama)|nuestro catálogo|toda la (?:colección|gama)",
        r"suscr[ií]b\w*|(?:mi|nuestro) canal",
        r"colección (?:de )?(?:otoño|invierno|primavera|verano|navidad)[\w-]*",
        r"(?:visítenos|visite|visita|vea|mire|descubra|encontrará|encuentra)(?: \w+){0,3} en nuestra tienda",
        r"nuestros otros (?!clientes)\w+|(?:échale|échele|eche) un vistazo a nuestr\w+",
        r"códigos? (?:de descuento|promocional(?:es)?)",
        r"cupón",
        r"cupones",
        r"síguenos",
        r"síganos",
        r"suscríbase",
        r"suscríbete",
        r"boletín",
        r"newsletter",
        r"nuestros otros (?:productos|artículos)",
        r"(?:nuestra|la) nueva colección",
        r"nuestras novedades",
        (
            r"(?:visite|visita|descubra|descubre) nuestr(?:a|o|as|os) (?:tienda|web|página|"
            r"sitio|productos|catálogo)"
        ),
        r"ofertas? especial(?:es)?",
        r"en nuestra tienda[^.!?\n]{0,40}?(?:más|otros|otras|muchos|muchas)|(?:otros|otras|más) \w+ (?:\w+ )?en nuestra tienda",
        r"(?:ofertas?|rebajas|promociones) (?:del |de )?(?:black friday|cyber monday|prime day)|(?:ofertas|rebajas|promociones) (?:empiezan|llegan|arrancan|comienzan)",
        r"precios? (?:especial(?:es)?|de amigo)|muestras? (?:gratis |gratuitas? )?de nuestr[oa]s? nuev\w*|(?:compra|pide)(?:lo|la)? (?:ya|ahora)|hasta agotar existencias",
        r"(?:tenemos|vendemos|hacemos) (?:también )?(?:\w+ ){0,3}(?:a juego|versión|modelo)|(?:búsca|encuéntra|mira)\w* (?:\w+ ){0,3}en nuestra tienda",
        r"rebajas",
        r"nueva (?:línea|gama|colección|serie)|(?:lanzamos|lanzaremos|sacamos)",
        r"\d+ ?% de descuento en (?:su próxim|tu próxim|todos|toda)\w*",
        (
            r"(?:descuento|cupón|código)\W+(?:\w+\W+){0,4}(?:en|para) (?:su|tu) (?:próximo pedido|"
            r"próxima compra)"
        ),
    ),
    review_positive=(
        r"(?:5|cinco) (?:pequeñas |brillantes |bonitas )?estrell(?:as|itas)",
        (
            r"(?:opinión|opiniones|reseña|reseñas|valoración|valoraciones|comentario|"
            r"comentarios) (?:positiv[ao]s?|favorables?|de (?:5|cinco) estrellas)"
        ),
        (
            r"(?:buena|buenas|excelente|excelentes) (?:opinión|opiniones|reseñas?|valoración|"
            r"valoraciones|calificación)"
        ),
        r"(?:5|cinco) ?(?:⭐|★)|(?:5|cinco) estrellitas|(?:la )?máxima (?:puntuación|valoración|nota)",
        r"palabras (?:bonitas|lindas|amables)|buenas palabras|(?:puntuación|valoración|nota) máxima|un 5 ?/ ?5|(?:5|cinco) de (?:5|cinco)(?!\s+(?:pieces|parcels|items|packages|units|boxes|teile|pakete|artikel|stück|pièces|colis|articles|piezas|paquetes|artículos|unidades|pezzi|pacchi|articoli|unità))",
    ),
    review_ask=(
        r"pon\w*|nos haces? el día|alegrar\w*|(?:haría|harías) (?:\w+ )?feli\w*|encantar\w*|ilusión",
        r"esperamos|contamos con|déj\w*|espero",
        r"dej(?:e|ar|arnos|enos)",
        r"d(?:é|ar|arnos|enos|aría|arían|aríais)",
        r"escrib\w*",
        r"por favor",
        r"podría",
        r"puede",
        r"cambi\w*",
        r"modific\w*",
        r"nos ayudaría",
        r"ayuda mucho",
        r"agradecer\w*",
        r"nos encantaría",
        r"pon(?:er|ga|gas|ernos|ganos|nos)|regál\w*|nos har(?:ía|ías)",
    ),
    thanks=(r"gracias (?:de corazón |de verdad |otra vez )?por", r"le agradecemos (?:su|la|el)"),
    request=(
        r"confío|confiamos",
        r"por favor|porfa|podría\w*|puede\w*|podrías|puedes|le importaría|te importaría|(?:le|te|les) pedi(?:mos|ríamos)",
        r"si|una vez que|cuando|en cuanto",
        r"(?:le|te) agradecer\w*|agradecería\w*|nos gustaría|nos encantaría",
        r"esperamos|confiamos|contamos con|no dude|quizás?|tal vez|sería posible|es posible",
        r"nos haría (?:\w+ )?(?:ilusión|feliz|felices)|(?:sería|estaría) (?:\w+ )?(?:genial|estupendo|fantástico|bien)",
    ),
    satisfied=(
        r"(?:(?:llegara a|pudiera|podría|para|que) reflejar|reflejara|reflejase|reflejaría) (?:\w+ ){0,2}(?:cómo se resolvió|la solución|la resolución|la situación actual|el estado actual|nuestra atención|el servicio)",
        r"si (?:\w+ ){0,4}(?:te|le) (?:está|esta) (?:dando buen resultado|funcionando bien|gustando|yendo bien)|si (?:\w+ ){0,3}funciona bien",
        (
            r"si (?:está|estás|queda|quedó|quedaste|ha quedado|has quedado|se siente) (?:\w+ )?"
            r"(?:satisfech|content|encantad|feliz)\w*"
        ),
        r"si (?:(?!no )\w+ ){0,3}(?:le|te|les) (?:ha |han )?gust(?!aría)\w*",
        r"si (?:(?!no )\w+ ){0,2}(?:le|te|les) (?:copó|coparon|latió|late|encantó|encantaron|sirvió)",
        r"si todo (?:está|ha ido|va) bien",
        r"(?:reflejaran|reflejasen|reflejen|reflejarían|mostraran|mostrasen) (?:\w+ ){0,3}(?:la solución|la resolución|cómo se resolvió|el resultado|cómo terminó)",
        r"(?:clientes|compradores) (?:satisfechos|contentos)|quienes (?:estén|están|hayan quedado|queden) (?:\w+ )?(?:satisfech|content|encantad)\w*|si (?:lo |la )?(?:está|estás) disfrutando",
    ),
    divert=(
        r"cuántas estrellas (?:nos )?dar\w*",
        (
            r"antes de (?:dejar|escribir|poner|publicar) (?:una |un |su |tu )?(?:\w+ )?"
            r"(?:reseña|opinión|valoración|comentario|calificación)"
        ),
        r"en lugar de (?:dejar|escribir|poner|publicar) (?:una )?(?:\w+ )?(?:reseña|opinión|valoración)",
    ),
    negation=(
        r"(?:en cualquier caso|pase lo que pase|decida lo que decida)(?!\s*[,，、])",
        r"buena o mala|positiva o negativa",
        r"nunca|jamás",
        r"no (?:le |te |les )?(?:pedimos|pediremos|pediríamos|exigimos|condicionamos)",
        r"no (?:podemos|puedo|podríamos) (?:\w+ )?(?:cambiar|eliminar|modificar|borrar|quitar|pedir\w*|ofrecer|influir)|igualmente|de todos modos|de todas formas",
        r"independientemente|sin importar|sea cual sea|sean cuales sean|\w+ o no(?=[\s,;.]|$)",
        r"sin (?:ninguna )?condici(?:ón|ones)|no (?:está|es) condicionad\w*",
        r"(?:es|sigue siendo) (?:\w+ )?(?:su|tu) (?:decisión|elección)",
    ),
    benefit=(
        r"devolv\w* (?:el|su) (?:importe|dinero|pago)|le devolvemos",
        r"detallito|sorpres\w*|correspond\w*|algo especial",
        r"(?:puede|podrá|puedes) qued[aá]r(?:se|sel[oa])\w*|(?:corre|va) (?:de|por|a) nuestra cuenta|invitamos nosotros|no se arrepentirá",
        r"pag(?:amos|aremos) el envío|recuper\w* (?:su|tu) dinero|nos hacemos cargo|nos haremos cargo",
        r"sin (?:coste|costo|cargo)|otr[oa] (?:nuev[oa] )?sin|le enviamos otr[oa]",
        r"reembols\w*",
        r"devolución del dinero",
        r"devolv\w* el dinero",
        r"reemplazo",
        r"sustitución",
        r"regalos?|regal(?:a|amos|aremos|aríamos|arle|arte|ar)",
        r"descuentos?",
        r"compensa\w*",
        r"gratis",
        r"gratuit\w*",
        r"cupón",
        r"vales? (?:de|por|regalo|descuento)",
        r"tarjetas? regalo|de regalo|detalle|obsequi\w*|\d+ ?(?:€|euros?)|€ ?\d+|la mitad",
        r"(?:\d+ ?%|la mitad) (?:de reembolso|del importe|del precio|de descuento)",
        r"(?:le |te |se lo )?(?:enviamos|enviaremos|mandamos|mandaremos)|uno nuevo|una nueva",
    ),
    claim_act=(
        r"desaparec\w*",
        r"cerr\w*",
        r"cierr\w*",
        r"retir\w*",
        r"cancel\w*",
        r"anul\w*",
        r"elimin\w*",
        r"desist\w*|da(?:r|mos|do) por (?:cerrad|resuelt)\w*",
    ),
    claim_closed=(
        r"desaparec\w*",
        r"revoc\w*|anul\w*|retir\w*",
        r"(?:lo|la) (?:cancel|quit|retir|anul|cierr)\w*|(?:cancel|quit|retir|anul|cerr)(?:ar|e|a|as|en)l[oa]s?\b",
        r"cerrad\w*|cierr\w*|cerrar|desist\w*|zanjad\w*|d[ée] por (?:cerrad|zanjad|resuelt|terminad)\w*",
    ),
    claim=(
        r"reclamaci(?:ón|ones)",
        r"garantía de la a a la z",
        r"a-?to-?z",
        r"disputas?",
        r"contracargos?",
        r"chargebacks?",
        r"quejas?|incidencias?|reclamos?|(?<!en\s)(?:el|su|tu|este) caso|denuncias?",
    ),
    feedback_act=(
        r"añad\w* a(?= (?:su|tu) (?:reseña|opinión|valoración|comentario))|replante\w*|reformul\w*|reescrib\w*|rectific\w*|suaviz\w*|matiz\w*",
        r"volver a (?:mirar|revisar|valorar|considerar)|mirar de nuevo|repens\w*",
        r"ech(?:ar|e|a|arle|ele|ale)(?:le)? otro vistazo|otro vistazo",
        r"elimin\w*",
        r"eliminación",
        r"borr\w*",
        r"retir\w*",
        r"quit\w*",
        r"modific\w*",
        r"cambi\w*",
        r"actualic\w*",
        r"actualiz\w*",
        r"mejor\w*",
        r"reconsider\w*",
        r"sub(?:ir|a|as|e|irnos|írnosla|irla|irle|iera)\w*|aument\w*|revis\w*|corrig\w*|edit\w*|ajust\w*",
    ),
    feedback=(
        r"[1-5] ?(?:★|⭐|\*)",
        r"a (?:[1-5]|cuatro|cinco)(?! ?(?:%|€|°|cm|mm|m\b|kg|v\b|w\b|voltios?|vatios?|grados?|años|días|horas?|minutos?|euros?|pesos|veces))",
        r"opini(?:ón|ones)",
        r"reseñas?",
        r"estrellitas?",
        r"valoraci(?:ón|ones)",
        r"comentarios?",
        r"calificaci(?:ón|ones)",
        r"feedback",
        r"estrellas?",
        r"puntuaci(?:ón|ones)|nota",
    ),
    trade_marker=(
        r"(?:los )?(?:clientes|compradores) (?:que|cuya|cuyas)|quienes",
        r"condición|siempre (?:y cuando|que)|trato|hacemos una cosa",
        r"antes|primero|necesitamos que|por su parte|mientras",
        r"si",
        r"una vez",
        r"en cuanto",
        r"tan pronto",
        r"cuando",
        r"después de",
        r"a cambio",
        r"por favor",
        r"podría",
        r"le pedimos",
        r"le rogamos",
        r"siempre que",
        r"con la condición",
        r"por (?:eliminar|retirar|cambiar|cerrar|modificar|quitar)",
        r"solo",
        r"sólo",
        r"luego",
        r"entonces",
        r"como agradecimiento|en agradecimiento|para agradecer|qué (?:le|te) parece|le parece bien",
        r"si nos hace el favor|a cambio de",
    ),
    first_person=(r"hemos|he|nosotros|yo",),
    exchange=(r"y (?:reciba|recibe|obtenga|llévate)|por (?:dejar|escribir)|a cambio|como agradecimiento",),
    done=(r"ahora que|ya que",),
    automatic=(r"automáticamente", r"por amazon", r"amazon (?:cerrará|cierra|va a cerrar)"),
    sells_elsewhere=(
        r"(?:estamos|vendemos) (?:\w+ )?(?:en|presentes)",
        r"también (?:en|está|lo|la|disponible)|disponible en",
        r"tenemos|vendemos|ofrecemos|disponemos|contamos con",
        r"(?:es|son) (?:también )?nuestr[oa]s?",
        r"(?:nuestra|nuestro|nuestras|nuestros) (?:tienda|página|perfil|anuncios?|cuenta)",
    ),
    sale=(
        r"compra(?:r|rlo|rla|s)?|cómpre\w*|más barat\w*|precio\w*|oferta\w*|rebaja\w*|envío gratis",
        r"mitad de precio|descuento\w*|(?:otros|más) (?:productos|modelos|colores)|tambi[eé]n (?:tenemos|vendemos|hay)",
        r"nuestra (?:propia )?tienda(?: online| en línea)?",
        r"todos los (?:recambios|accesorios|repuestos|modelos)",
        r"más (?:modelos|colores|productos|diseños)|merece la pena|vale la pena",
    ),
    follow_on=(
        r"con la condición|(?:la|una) condición|siempre (?:y cuando|que)|(?:lo )?único que (?:le )?pedimos",
        r"a cambio|por ello|como agradecimiento",
        r"cuando (?:la|lo) reciba|al recibirl[oa]|en consecuencia|para reflejarlo|qué (?:le|te) parece|le parece bien",
        r"luego",
        r"después",
        r"entonces",
        r"a cambio",
        r"una vez hecho",
        r"como agradecimiento",
    ),
    blunt_imperative=(
        r"espere",
        r"por favor espere",
        r"usted debe",
        r"debe usted",
        r"(?<!si\s)tiene que",
        r"(?<!si\s)tienes que",
        r"debes",
        r"no nos contacte",
        r"sea paciente",
    ),
    alarm_subject=(r"importante", r"urgente", r"atención"),
    critical_topic=(
        (
            r"no (?:se )?(?:puede|podemos|podrá) (?:ser )?(?:enviar|enviado|enviada|entregar|"
            r"entregado|entregada)"
        ),
        r"retirada",
        r"seguridad",
        r"dirección",
        r"aduana\w*",
        r"recoger",
        r"oficina de correos",
    ),
    action_promise=(
        (
            r"(?:le |les |te )?(?:vamos a|responderemos|contactaremos|revisaremos|"
            r"investigaremos|enviaremos|reembolsaremos|informaremos|gestionaremos|comprobaremos|"
            r"escribiremos)"
        ),
        r"lo antes posible",
        r"cuanto antes",
        r"en breve",
        r"a la mayor brevedad",
    ),
    concrete_time=(
        (
            rf"en (?:un plazo de |las próximas |los próximos )?(?:{_NUMBER_WORDS}) (?:horas?|"
            rf"días?|semanas?)"
        ),
        rf"(?:{_NUMBER_WORDS}) (?:horas?|días?|semanas?)",
        r"días (?:hábiles|laborables)",
        r"hoy",
        r"mañana",
        r"esta (?:tarde|noche)",
        _WEEKDAYS,
        rf"\d{{1,2}} de (?:{_MONTHS})",
    ),
    choice=(
        r"o bien",
        r"prefiere",
        r"preferiría",
        r"si lo prefiere",
        r"opción (?:1|a)",
        r"puede elegir",
        r"qué opción",
        r"alternativamente",
        r"ya sea\b[\s\S]{0,200}?\bo",
    ),
    verb_first=True,
    offer=(
        r"(?:queremos|quisiéramos|podemos|vamos a) (?:ofrecerle|enviarle|darle|regalarle)|nos gustaría (?:ofrecerle|enviarle|darle|regalarle)|le (?:ofrecemos|enviaremos|daremos|regalamos)",
    ),
)
