"""Actors: who acts and who is acted upon, coded CAMEO-style (country + sector).

``resolve`` codes one mention; ``actors_in_doc`` finds every mention in a
parsed article. The knowledge base ships in ``eventwire/data/actors.json``.
"""

from eventwire.actors.resolve import actors_in_doc, may_mention, named_alone, resolve

__all__ = ["actors_in_doc", "may_mention", "named_alone", "resolve"]
