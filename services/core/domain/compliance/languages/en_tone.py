"""English phrases of the tone warnings: blunt orders, alarming subjects and the topics that
justify one, promised actions, concrete times and offered choices."""

_WEEKDAYS = r"monday|tuesday|wednesday|thursday|friday|saturday|sunday"
_MONTHS = (
    r"january|february|march|april|may|june|july|august|september|october|november|december"
    r"|jan|feb|mar|apr|jun|jul|aug|sept?|oct|nov|dec"
)
_NUMBER_WORDS = r"\d+|one|two|three|four|five|six|seven|eight|nine|ten|a few|a couple of"
# "if you need to return it" or "nothing else you need to do" does not order the buyer about.
_NOT_AN_ORDER = r"(?<!if\s)(?<!what\s)(?<!all\s)(?<!else\s)(?<!further\s)(?<!nothing\s)"

BLUNT_IMPERATIVE = (
    r"please wait",
    r"wait patiently",
    r"be patient",
    rf"{_NOT_AN_ORDER}you (?:must|have to|need to)",
    r"you are required to",
    r"you should have",
    r"do not contact",
    r"don't contact",
    r"stop contacting",
)
ALARM_SUBJECT = (
    r"\[\s*important\s*\]",
    r"important",
    r"urgent\w*",
    r"attention",
    r"action required",
)
CRITICAL_TOPIC = (
    (
        r"(?:cannot|can't|can not|unable to|could not|couldn't|not able to) (?:be )?(?:ship|"
        r"shipped|deliver|delivered|dispatch|dispatched|send|sent)"
    ),
    r"recall\w*",
    r"safety",
    r"hazard\w*",
    r"(?:confirm|verify|update|correct|check) (?:your |the )?(?:shipping |delivery )?address",
    r"address (?:is )?(?:incomplete|invalid|incorrect|missing|undeliverable)",
    r"customs",
    r"import (?:duty|duties|fees?|tax(?:es)?)",
    r"pick (?:it |the package |the parcel )?up",
    r"post office",
    r"held at",
    r"return(?:ed)? to sender",
)
ACTION_PROMISE = (
    (
        r"we(?: will|'ll| shall) (?:\w+ ){0,2}?(?:look into|check|get back|contact|update|"
        r"investigate|follow up|send|ship|refund|process|arrange|reply|respond|let you know|"
        r"inform|resolve|fix|handle|reach out|review|dispatch|issue)\w*"
    ),
    r"get back to you",
    r"as soon as possible",
    r"asap",
    r"shortly",
    r"in due course",
    r"at the earliest",
)
CONCRETE_TIME = (
    rf"within (?:the next )?(?:{_NUMBER_WORDS})",
    rf"(?:{_NUMBER_WORDS}) (?:business |working )?(?:hours?|days?|weeks?|minutes?)",
    r"today",
    r"tonight",
    r"tomorrow",
    r"this (?:morning|afternoon|evening|week)",
    r"end of (?:the )?(?:day|week|business)",
    _WEEKDAYS,
    rf"(?:{_MONTHS}) \d{{1,2}}",
    rf"\d{{1,2}}(?:st|nd|rd|th)? (?:of )?(?:{_MONTHS})",
    r"by (?:noon|midnight)",
)
CHOICE = (
    r"option (?:1|one|a)",
    r"either\b[\s\S]{0,200}?\bor",
    r"would you (?:prefer|rather|like us to)",
    r"if you prefer",
    r"whichever you prefer",
    r"which (?:option|one|would you prefer|do you prefer|you prefer)",
    r"you (?:can|may) (?:choose|pick|select)",
    r"alternatively",
)
