"""Polarity of a sentence: the word lists and the rules that read them.

Polarity is read the way an experienced reader of Ofsted reports reads it:

* **concern**: criticism, including hedged criticism ("not yet consistently",
  "too many", "some children experience delay"), implied criticism without a
  judging word ("a backlog of 40 assessments", "not all children"), and a
  weakness that leaders are aware of or plan to address;
* **strength**: practice praised or an improvement achieved;
* **mixed**: a sentence that clearly does both, across a contrast ("X has
  improved, but Y remains weak");
* **neutral**: context, figures, procedure.

The rules are lexical and clause-aware: one compiled pattern finds cues
(praise, criticism, negators, contrast markers, context clauses) in a single
pass; a praise word inside a negator's reach ("not always *timely*") becomes
criticism; a negated verb in a main clause ("plans *do not* include") is
criticism, but not in a clause about a child's circumstances ("children *who
do not* attend school"). No spaCy model is needed. See
``docs/accuracy-findings.md`` for the measured accuracy.

The package:

* :mod:`~ofstedmine.extract.polarity.cues`: the word and phrase lists, read
  from the versioned data file ``ofstedmine/data/polarity_cues.json``, and the
  one-pass cue matcher;
* :mod:`~ofstedmine.extract.polarity.scope`: how far a negator, a circumstance
  clause or a prevention verb reaches;
* :mod:`~ofstedmine.extract.polarity.rules`: the named steps of the decision.

>>> polarity_of("Strategy meetings are not consistently timely.")
(<Polarity.CONCERN: 'concern'>, ('not consistently timely',))
>>> polarity_of("Assessments have improved, but some plans remain too vague.")[0].value
'mixed'
"""

from __future__ import annotations

# The private names are re-exported for the modules and tests that import them from here.
from .cues import _cue_matches as _cue_matches
from .cues import _cue_regex as _cue_regex
from .cues import load_cues as load_cues
from .rules import _normalise as _normalise
from .rules import polarity_of

__all__ = ["polarity_of"]
