"""A sender's name as the message table writes it: the export's own, its edges cleaned.

Exports put characters no one sees around a name: WhatsApp a bidi mark or a byte-order mark
where a line starts, phones a zero-width space or joiner left by a keyboard or a pasted
contact, a no-break space after iOS's "~". Kept, "Alice" and "Alice" + U+200B would be two
people who look the same in every list, and a pair naming "Alice" would silently leave out the
other one's messages. So every parser reads a name through `sender_name` (or `sender_names`,
on a polars column), which takes these characters and every Unicode space off both edges.

Only the edges: inside a name a zero-width joiner holds an emoji sequence together
("Ana 👩‍❤️‍👨 Ben") and stays, as does the rest of the name as written. Names compared with
what someone typed (pair.folded) leave out `INVISIBLE` wherever it is.
"""

from __future__ import annotations

import polars as pl

#: Format characters that show nothing: the soft hyphen, Arabic letter mark, Mongolian vowel
#: separator, zero-width space, non-joiner and joiner, left-to-right and right-to-left marks,
#: bidi embeddings and overrides, word joiner and invisible operators, bidi isolates, and
#: the byte-order mark (zero-width no-break space). Variation selectors are not among them:
#: one after an emoji ("❤️") is part of how it looks.
INVISIBLE = (
    "\u00ad\u061c\u180e\u200b\u200c\u200d\u200e\u200f\u202a\u202b\u202c\u202d\u202e"
    "\u2060\u2061\u2062\u2063\u2064\u2066\u2067\u2068\u2069\ufeff"
)
#: Every character Unicode (and Python's str.isspace) counts as a space, line breaks included.
SPACES = (
    "\t\n\v\f\r\x1c\x1d\x1e\x1f \x85\xa0\u1680"
    "\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a"
    "\u2028\u2029\u202f\u205f\u3000"
)
_EDGES = INVISIBLE + SPACES


def sender_name(name: str) -> str:
    """`name` without invisible characters or spaces at either edge; "" when it is nothing
    else (a parser then reads no name)."""
    return name.strip(_EDGES)


def sender_names(names: pl.Expr) -> pl.Expr:
    """`sender_name` of each string of a polars column (null stays null)."""
    return names.str.strip_chars(_EDGES)
