"""Patterns that also read text typed without accents or umlauts, as buyers and sellers type on a
phone or a foreign keyboard: "zurueckziehen" for "zurückziehen", "koennten" for "könnten",
"reclamation" for "réclamation", "etoiles" for "étoiles" (round twenty-one, docs/COMPLIANCE.md).

The pattern is rewritten, not the text, so offsets stay those of the text as written: an accented
letter also matches its bare letter, and a German umlaut or ß its two-letter spelling (ae, oe,
ue, ss) outside a character class and a look-behind, which must keep a fixed width; a
negated class is left as written."""

# An umlaut dropped would make other words ("änder" and "anderer"), so it is only spelled out.
_BARE = str.maketrans("àâáçèéêëíìîïñòóôùúû", "aaaceeeeiiiinooouuu")
_TWO_LETTERS = {"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss"}


def leniently_typed(source: str) -> str:
    """The regex source with each accented letter matching its unaccented spellings too."""
    out: list[str] = []
    index = 0
    in_class = negated = False
    behind = 0  # nesting depth of groups inside a look-behind, 0 when outside one
    while index < len(source):
        char = source[index]
        if char == "\\":
            out.append(source[index : index + 2])
            index += 2
            continue
        if in_class:
            in_class = char != "]"
            out.append(char if negated else _in_class(char))
        elif char == "[":
            in_class = True
            negated = source.startswith("^", index + 1)
            out.append(char)
            if negated:
                out.append("^")
                index += 1
            if source.startswith("]", index + 1):
                out.append("]")
                index += 1
        elif char == "(":
            if behind:
                behind += 1
            elif source.startswith(("(?<=", "(?<!"), index):
                behind = 1
            out.append(char)
        elif char == ")":
            behind = max(0, behind - 1)
            out.append(char)
        else:
            out.append(_outside(char, inside_lookbehind=behind > 0))
        index += 1
    return "".join(out)


def _bare(char: str) -> str:
    lower = char.lower()
    bare = lower.translate(_BARE)
    return bare if bare != lower else ""


def _in_class(char: str) -> str:
    bare = _bare(char)
    return char + bare if bare else char


def _outside(char: str, inside_lookbehind: bool) -> str:
    bare = _bare(char)
    two = _TWO_LETTERS.get(char.lower())
    if two and not inside_lookbehind:
        return f"(?:{char}|{two})"
    return f"[{char}{bare}]" if bare else char
