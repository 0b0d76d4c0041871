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

>>> polarity_of("Strategy meetings are not consistently timely.")
(<Polarity.CONCERN: 'concern'>, ('not consistently timely',))
>>> polarity_of("Assessments have improved, but some plans remain too vague.")[0].value
'mixed'
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator

from ofstedmine.types import Polarity

__all__ = ["polarity_of"]

_W = r"[a-z0-9][a-z0-9'\-]*"  # a word

# Order matters: the alternation is tried left to right at each position, so
# phrases that neutralise a cue word come before the cue.
_NEUTRAL = [
    r"requires? improvement to be good",  # the grade itself is read below
    r"well[- ]?being",
    r"as well as",
    r"as well\b",
    r"well[- ]known",
    r"always (still )?more to do",
    r"(signs|indicators|areas|forms|causes|kinds|types|places|spaces|locations|patterns) of concern",
    r"(judged|found|graded|considered) to (require|requires) improvement",
    r"(is|are|were|was) concerned (about|for) (a |the )?(child|children|young|their|his|her|family|families)",
    r"concerns? (about|around|regarding) (female genital mutilation|fgm|radicali\w+|extremism|"
    r"exploitation|their safety|safety|abuse|neglect|harm)",
    r"(summary|record|recording|discussion|analysis|understanding|chronology|history|nature|range) of "
    r"(the |their |any )?concerns",
    r"(which|that) judged (the |its |their )?(services?|authority|council|it|them) (as |to be )?"
    r"(inadequate|requires improvement|good|outstanding|poor)",
    r"when (\w+ ){0,4}(was|were) (judged |found |rated )?(poor|inadequate|weak)",
    r"most,? but not all,?",
    r"(when|where|if) (\w+ ){1,6}would benefit from",
    r"strengths? and (its |their )?(weakness(es)?|weaker (practice|areas?)|areas? (for|of) (development|improvement)|"
    r"areas? (where|that|which|to)|challenges|shortfalls|gaps|limitations)",
    r"(identified|judged|described|seen) as (weak|inadequate|poor|an area for improvement|areas for improvement)"
    r" (in|at|by|during) (the|its|their) (most recent|last|previous|earlier|\d{4})",
    r"(when|where|if|as|until) (further|more|additional|greater) (\w+ ){0,3}(is|are) (needed|required)",
    r"(about|with|of) (their|his|her) (difficulties|worries|concerns|problems|anxieties)",
    r"strengths?[- ]based",
    r"strength and difficult\w*",
    r"improvement (plans?|boards?|journey|programmes?|notices?|partners?|activity|priorities|work|"
    r"strateg\w+|agenda|actions?|cycle)",
    r"areas? (for|of) (improvement|development)",
    r"(for|to|drive|ambition|capacity) improvement",
    r"(to|will|can|could|would) (further )?improve",
    r"good practice guidance",
    r"(where|when|if|as) (it is )?(appropriate|necessary|needed|required|possible)",
    r"effectiveness",
    r"timeliness",
    r"not only",
    r"whether or not",
    r"not least",
    r"not just",
    r"no longer",
    r"if not",
    r"not necessarily",
    r"good enough to",
    r"national average",
    r"(statutory|quality) (timescales?|standards?)",
    r"adults? of concern",
    r"concerns? (about|for|regarding|are|is|were|was|raised|of) (a |the )?(child|children|young|their|abuse|harm|neglect|risk|welfare|safeguarding|possible)",
    r"safeguarding concerns?",
    r"initial concerns?",
    r"(child protection|welfare|early) concerns?",
    r"decline to",
    r"declined to",
    r"missing (from|episodes?|children|person)",
    r"serious case reviews?",
    r"(child|children|young people|who) (are|is|were|was|have been) (not )?(in|at|living)",
    r"(not|no) in education",
    r"not in (education|employment|school)",
    r"neet",
    r"to (reduce|prevent|avoid|minimise|address) (the )?(risk|harm|drift|delay)s?( and (drift|delays?))?\b",
    r"(after|following) a (long |lengthy )?period of \w+( and \w+)?",
    r"attention deficit",
    r"(judged|graded|rated|found) (to be |as )?(inadequate|good|outstanding|requires improvement)",
    r"to address (any )?(shortfalls|weaknesses|gaps|deficits|concerns|issues)",
    r"no doubt",
    r"right to",
    r"priorities and challenges",
    r"needs and challenges",
    r"later[- ]life",
    r"(significant |serious )?concerns? about (a |the )?(child|children|young|their|his|her|risk|safety)\w*",
    r"time[- ]limited",
    r"(judgement|judgment|grade|rating) of (inadequate|requires improvement|good|outstanding)",
    r"(previous|previously|past|earlier|historical|historic|prior) (poor|weak|inadequate)",
    r"rarely (used|needed|required|necessary|happens?|occurs?)",
    r"(that|which|as) should (be|have)",
    r"challenging (times?|circumstances|behaviours?|situations?|periods?|context|families)",
    r"(exceptionally|very|extremely|particularly|relatively) (high|low)",
    r"any (further )?(drift|delays?|gaps?|concerns?|shortfalls?|weakness(es)?|deficits?|issues?)",
    r"challeng(e|es|ed|ing) (any |unnecessary |avoidable )?(drift|delays?)( and (drift|delays?))?",
    r"(parents?|parenting|carers?|families) (\w+ ){0,2}need(s|ed)? to (improve|change|do|make|address)",
    r"only recently (\w+,? ){0,6}but (\w+ ){0,2}already",
]
_STRENGTH_PAIRS = [  # achievements that mention a weakness word
    r"no longer (inadequate|judged inadequate)",
    r"(reduction|reductions|fall|decrease) in (the )?(number of )?(caseloads?|workloads?|turnover|vacancies|"
    r"agency|delays?|drift|re-referrals?|missing episodes|placement moves)",
    r"(did|does|do|has|have|had) not (\w+ )?(divert|deter|prevent|stop|affect|hinder|impede|detract|undermine|"
    r"compromise|temper|tempered|diminish|diminished|dampen|dampened|dent|dented|slow|slowed)",
    r"(continued|continues|continue) to (improve|strengthen|develop)",
    r"(early |initial |emerging )?signs of (positive )?(impact|improvement|progress)",
    r"(does|do|did) not (employ|use|rely on|need) (any |a single )?agency",
    *(
        rf"{w} (unnecessary |undue |any )?(delays?|drift)( and (delays?|drift))?"
        for w in (
            "without",
            "no",
            r"avoid\w*",
            r"prevent\w*",
            r"minimis\w*",
            r"reduc\w*",
            r"eliminat\w*",
        )
    ),
    r"no (significant |unallocated |unnecessary )?(gaps?|backlogs?|delays?|drift|waiting lists?)",
    r"(do|does|did|are|is|were|was) not (miss|missed|forgotten|overlooked|lost|left behind|left waiting)",
    r"(inspectors )?(did|do) not (see|find|identify) (any|a single) (cases?|children|child|evidence|examples?)",
    r"bypass\w* (\w+ ){0,2}(waiting|delays?)",
    r"gaps( \w+){0,3} (are|were|have been|being) (filled|closed|addressed|bridged)",
    r"(to )?(fill|close|bridge) (the |any )?gaps",
    r"(very )?few (\w+ ){0,3}(are|were|is|was) (still )?waiting",
    r"no (\w+ ){0,2}(are|were|is|was) (still )?waiting",
    r"(reducing|reduced|less|lower|decreasing|decreased) (\w+ )?reliance on",
    r"limited (use of|reliance on|need for) (agency|temporary|interim|locum)",
    r"(are|is|were|was) not (unnecessarily |unduly )?delayed",
    r"(do|does|did) not experience (\w+ )?(delay|drift|delays)",
    r"(are|is|were|was) not (placed|living|accommodated|housed) in unregistered",
    r"(has|have|had) identified (the |a |its |their )?(\w+ ){0,3}(issues|areas|weakness(es)?|shortfalls|gaps|"
    r"priorities)( \w+){0,3} (that|which|it|they) (needs?|requires?)",
    r"(do|does|did|are|is) not (have to )?wait",
    r"caseloads? (have|has|are|is)? ?(been )?(reduced|reducing|decreased|manageable|low)",
    r"(reduced|lower|manageable) caseloads?",
    r"(accurately|correctly|rightly) (identif\w+|indicat\w+|reflect\w*|highlight\w*|recognis\w+) (that )?"
    r"(\w+ ){0,5}(inadequate|weak\w*|poor\w*|shortfalls?|gaps?|deficits?|inconsisten\w+|variab\w+)",
    # (a leading group with \w in it would leave the cue no literal prefix: split)
    r"narrow\w* the (\w+ )?gaps?",
    r"clos(e|es|ed|ing) the (\w+ )?gaps?",
    r"reduc(es|ed|ing) the (number|numbers|rate|proportion|use) of",
    r"(re-referrals?|repeat referrals?)( \w+){0,2} (are|is|remain|remains|have been) (\w+ )?(low|lower|reducing|falling)",
    r"(churn|turnover|sickness)( \w+){0,2} (has|have) (\w+ )?(reduced|fallen|decreased)",
    r"vacanc\w+( \w+){0,2} (has|have) (\w+ )?(reduced|fallen|decreased)",
    *(
        rf"{w} (has|have|is|are)? ?(now )?(reduced|fallen|decreased|low|lower|stable)"
        for w in ("turnover", r"vacanc\w+", "agency (use|staff|workers?)")
    ),
]
_CONCERN = [
    r"inadequate",
    r"requires? improvement",
    r"weak(ness(es)?|er|ly|ened)?",
    r"poor(ly|er|est)?",
    r"ineffective(ly)?",
    r"insufficient(ly)?",
    r"inconsistent(ly)?",
    r"inconsistenc(y|ies)",
    r"variab(le|ility)",
    r"var(y|ies|ied) (in|considerably|significantly|widely|too)",
    r"mixed (experience|picture|quality|results|response)",
    r"patchy",
    r"uneven",
    r"limited",
    r"limitations?",
    r"lack(s|ed|ing)?( of)?",
    r"absence of",
    r"gaps?",
    r"shortfalls?",
    r"deficits?",
    r"deficienc(y|ies)",
    r"fail(s|ed|ing|ure|ures)?",
    r"delay(s|ed)?",
    r"drift(ed|ing)?",
    r"too (many|few|long|slow|slowly|late|high|low|much|often|variable|"
    r"early|narrow|broad|wide[- ]ranging|generic|reliant|dependent|focused|great|greatly|little|"
    r"optimistic|complex|lengthy|soon|limited|heavily|heavy|restricted|vague|brief|reactive|task[- ]focused|"
    r"compliance[- ]focused|adult[- ]focused|parent[- ]focused|general|generalised|descriptive|"
    r"process[- ]driven|risk[- ]averse|slow to)",
    r"not (\w+ )?enough",
    r"(yet|still) to",
    r"not yet",
    r"slow(ly|er|ness)?",
    r"superficial",
    r"over[- ]?(ly )?optimistic",
    r"overly \w+",
    r"unclear",
    r"vague",
    r"generic",
    r"unmet",
    r"missed",
    r"overdue",
    r"backlogs?",
    r"out[- ]of[- ]date",
    r"outdated",
    r"unsafe",
    r"risk[- ]averse",
    r"inappropriate(ly)?",
    r"unnecessar(y|ily)",
    r"decline in",
    r"declined",
    r"deteriorat\w*",
    r"worse(ned|ning)?",
    r"high (staff |social work(er)? |workforce )?turnover",
    r"instability",
    r"unstable",
    r"high vacanc\w+",
    r"(high|higher|rising|increasing|large) caseloads?",
    r"caseloads? (are|is|remain|remains|have been) (too |very |still )?(high|higher|large)",
    r"(caseloads?|workloads?|turnover|vacancy rates?|vacancies|re-referrals?)( \w+){0,3} (is|are|remain|remains|"
    r"was|were|have been|has been) (\w+ )?(high|higher|too high|rising|increasing)",
    r"to address (this|these|the|that) (decline|shortfalls?|gaps?|weakness(es)?|deficits?|issues?|problems?|concerns?)",
    r"capacity (issues|pressures?|challenges|constraints)",
    r"lack of capacity",
    r"(workload|caseload|capacity|staffing|workforce|service|considerable|significant|high|increasing|"
    r"financial|demand|sustained|intense) pressures?",
    r"under pressure",
    r"(increased|increasing|growing|additional) pressures? on",
    r"(might|could|would|may) (well )?have (benefit\w*|been (better|more|avoided|prevented))",
    r"grappl\w+",
    r"(makes?|made|making) it (\w+ )?(difficult|hard|harder)",
    r"(main|biggest|greatest|most significant|key|significant|major) challenge",
    r"(re-referrals?|repeat referrals?|caseloads?|turnover)( \w+){0,2} (have|has) (continued to )?"
    r"(increase|increased|risen|rise|grown|grow)",
    r"vacanc\w+( \w+){0,2} (have|has) (continued to )?(increase|increased|risen|rise|grown|grow)",
    r"(plans?|action|work) (is |are )?(in place|under ?way|ongoing) to (stabilise|reduce|recruit)",
    r"struggl(e|es|ed|ing)",
    r"difficult(y|ies)",
    r"(is|are|remains?|remained|continues? to be|has been) an? (\w+ )?challenge",
    r"(significant|serious|considerable|many|ongoing|persistent|workforce|recruitment|capacity|"
    r"sufficiency|key|real|particular) challenges",
    r"(serious|significant|cause for|causes? for|of) concerns?",
    r"worrying",
    r"(is|are|were|was) concerned",
    r"widespread",
    r"only (a few|some|partially|partly|recently)",
    r"partial(ly)?",
    r"incomplete",
    r"unallocated",
    r"errors?",
    r"inaccura(te|cies|cy)",
    r"relian(t|ce) on",
    r"multiple (moves|changes|placements|social workers|placement moves)",
    r"frequent changes",
    r"changes (of|in) (social )?workers?",
    r"many changes",
    r"would benefit from",
    r"need(s|ed)? to (be )?(further |more |much )?(work (with|to|on)|improve\w*|strengthen\w*|develop\w*|ensure|address\w*|increase\w*|embed\w*|progress|better|completed|updated|reviewed|prioritised|clearer|sharper|timelier|quicker|consistent|robust|understood|"
    r"consolidated|embedded|extended|sustained|tested|evaluated|established|implemented|more \w+)",
    r"there is a need",
    r"need for (further|more|greater)",
    r"(more|further) (work|improvement|development|action|progress|focus) (is|are) (needed|required)",
    r"more (work )?(is )?(needed|required)",
    r"more to do",
    r"(still |more |further )(work|progress) to (do|be done|be made)",
    r"(a|an) areas? for (continued|ongoing|further|continuing|sustained) (focus|improvement|development|attention|work)",
    r"not in (all|every) (cases?|areas?|teams?|instances)",
    r"rather than (ensuring|focusing|considering|addressing|improving|understanding)",
    r"only (\d+(\.\d+)?%|\d+ per cent)",
    r"(minority|some|few)( \w+){0,3} (being |are |were |is |was )?left to",
    r"second or subsequent",
    r"highlighted (\w+ )?concerns",
    r"rarely",
    r"seldom",
    r"(an )?identified areas? (for|of) (improvement|development)",
    r"(involve|involves|involved|attended by|between|undertaken by) only",
    r"only (involve|involves|involved|include|includes|included|attend|attended)",
    r"expressed (\w+ )?concerns? (about|regarding|over|that|with) (the|these|this|those|its|their) (\w+ )?"
    r"(arrangements?|services?|quality|support|practice|response|lack|delays?|process\w*|provision|levels?|standards?|"
    r"timeliness|changes?|plans?|accommodation)",
    r"(is|are) (still )?developing(?= ?[.;])",
    r"(is|are) (now |currently )?being addressed",
    r"(is|are) currently being (reviewed|revised|redesigned|restructured)",
    r"(have|has) (\w+ )?plans to (increase|improve|strengthen|expand|recruit)",
    r"(is|are) (very|too) new\b",
    r"(very|overly|excessively) lengthy",
    r"(recognised|recognise|recognises|acknowledged|acknowledge|acknowledges) (this|the|that) need\b",
    r"continue to (experience|suffer|live with|be exposed to) (\w+ )?(harm|neglect|abuse|risk)",
    r"an area for (improved|better) practice",
    r"(take|takes|took|taking) longer than",
    r"unevenness",
    r"instead of (consideration|considering|ensuring|focusing|addressing|understanding)",
    r"(dealt with|considered|viewed|responded to|managed) in isolation",
    r"only (\d+|one|two|three|four|five|six|seven|eight|nine|ten) (of|out of)( the)?",
    r"not (taking place|being (completed|held|undertaken|recorded|seen|visited|reviewed|updated))",
    r"before (they|he|she) (were|was|had|felt) (ready|the skills)",
    r"(as a result of|following) (the )?(findings|concerns|issues|weaknesses)( raised| identified)? (of|during|by|at|in) "
    r"(this |the )?(inspection|visit)",
    r"(less|fewer) than (a quarter|a third|half|\d+(\.\d+)?%|\d+ per cent)",
    r"disproportionate(ly)?",
    r"retrospectively",
    r"heavy (caseloads?|workloads?)",
    r"(still|remain|remains) (some )?(areas?|work)",
    r"(has|have|had) (still )?(more |further |much |some )?work to do",
    r"need(s|ed)? to do more\b",
    r"there (is|are|was|were) (currently )?no (mechanisms?|systems?|processes|process|arrangements?|procedures?|"
    r"protocols?|strateg(y|ies)|oversight) (for|to|in place)",
    r"(a )?work in progress",
    r"(work|more|much) (still )?remains? to be done",
    r"(an )?area under development",
    r"stubborn\w*",
    r"(know|knows|acknowledge|acknowledges|acknowledged|recognise|recognises|recognised|are aware of|"
    r"is aware of|were aware of) this (and|but)",
    r"need(s|ed)? to be (maintained|accelerated)",
    r"needing (improvement|development|attention|refinement)",
    r"need(s|ed)? (some |further |more )?refinement",
    r"(more|further|greater|better|stronger|clearer|improved|sharper|closer) (\w+ ){0,4}(is|are) (needed|required)",
    r"(quality|practice|timeliness|standards?|consistency|effectiveness|impact)( of \w+)? var(y|ies|ied)\b",
    r"excessive(ly)?",
    r"unsustainable",
    r"fluctuat\w+",
    r"intermittent",
    r"unprecedented",
    r"burden(s|ed)? (on|for)",
    r"(has|have|had) impacted (negatively |adversely )?(on|upon)",
    r"just (\d+|one|two|three|four|five|a few|a third|a quarter|half) (of|out of)",
    r"(still )?much to do",
    r"requir(e|es|ing) (further |more )?(improvement|development|strengthening|attention|work)",
    r"(will|would|could) be (further )?(enhanced|improved|strengthened|more effective|better|clearer) (if|by|through|with)",
    r"(is|are|remains?|remained|has been|have been) an? (\w+ )?(issue|problem)",
    r"insufficien\w+",
    r"only (in )?(a )?(minority|few|small number|some|limited)",
    r"minority of",
    r"should (be|have|ensure|include|consider|take)",
    r"(is|are|remains?|still|only) (at|in) (an|the|its|their) (very )?early stages?",
    r"too early",
    r"in (its|their) infancy",
    r"not (been )?(fully )?(effective|embedded|implemented)",
    r"(wait|waits|waited|waiting) (too long|for (many|several|long|a long|months|weeks|up to|more than|over))",
    r"(must|have to|had to|continue to|often) wait",
    r"long waits?",
    r"waiting (lists?|times?) (are|is|remain)",
    r"avoidable",
    r"preventable",
    r"remains? (an? |a significant |a key )?(concern|issue|problem|weakness|risk)",
    r"not knowing",
    r"(inspectors )?disagreed with",
    r"(has|have|had) (an |a )?(negative |adverse |detrimental |significant )?impact on (their|children's|young people's|"
    r"families') (ability|capacity|confidence)",
    r"in response to (the )?(findings|concerns|issues|weaknesses)( raised| identified)? (during|by|at|in) (this |the )?"
    r"(inspection|visit)",
    r"(remains?|is|are|was) (an? |the )?(key |main |further |particular |ongoing |continued |continuing )?"
    r"areas? (for|of) (development|improvement)",
    r"an area for (development|improvement)",
    r"unable to",
    r"over-?reliance",
    r"uncertain\w*",
    r"declining",
    r"below (the )?(national |regional |england |statistical neighbours?'? |comparator )?(average|averages|expected|"
    r"target|expectations|figure|rate)",
    r"without (a |an |any |the )?(plan|assessment|review|allocated|social worker|oversight|consideration|"
    r"agreement|analysis|management|sufficient|up-to-date|appropriate|consent|parental consent|"
    r"(parents'|parental|their) (consent|agreement|knowledge))",
    r"dissatisf\w+",
    r"unhappy",
    r"frustrat\w+",
    r"disillusioned",
    r"let down",
    r"required to take (additional |immediate |urgent |further )?(steps|action)",
    r"(leave|leaves|left|leaving) (\w+ ){0,3}(children|young people|them|families) (at risk|without|in harmful|"
    r"vulnerable|unprotected|exposed|in unsafe)",
    r"still not",
    r"(the )?challenge remains",
    r"(try|trying|tried) (and|to) address",
    r"could (further )?improve",
    r"could be (better|stronger|clearer|improved|strengthened|sharper|more \w+)",
    r"unaddressed",
    r"unsuitable",
    r"limits (the|their|its)",
    r"limiting (the|their|its)",
    r"no (\w+ )?(plans?|evidence|records?|system|strategy|contingency|oversight|analysis|timescales?|"
    r"consideration|scrutiny|challenge|guidance|direction|rationale|follow-up|tracking|monitoring)",
    r"undermin\w+",
    r"hinder\w*",
    r"imped(e|es|ed|ing)",
    r"hamper\w*",
    r"compromis\w+",
    r"adverse(ly)?",
    r"negative(ly)?",
    r"detrimental",
    r"(very |too |sometimes |often )late",
    r"late (entry|referrals?|notifications?|allocation)",
    r"(progress|attendance|attainment|performance|quality|outcomes?) (falls?|fell|fallen|dropped|drops|"
    r"declines?|declined|decreased|deteriorat\w+|worsen\w*)",
    r"misunderst\w+",
    r"confus(ed|ion|ing)",
    r"unrealistic",
    r"(is|are) aware of (this|these|the (need|issue|shortfall|deficit|gap|weakness))",
    r"(recognise|recognises|recognised|acknowledge|acknowledges|acknowledged) that",
    r"(plans? to|planning to|seeking to|working to|taking steps to|intends? to|intending to|aims? to|"
    r"aiming to|will) (address|redress|tackle|remedy|rectify|resolve|improve) (this|these|the|its|their|those|that)",
    r"(plans?|action|work) (is |are )?(in place|under ?way|ongoing) to (address|improve|tackle|strengthen|increase)",
    r"has not (yet )?(had|led|resulted)",
    r"little (evidence|impact|progress|change|improvement|challenge|focus|consideration|understanding|"
    r"confidence|assurance|oversight|scrutiny|analysis|attention|curiosity|recognition|knowledge)",
    r"(is|are|was|were) not (\w+ )?(clear|evident|visible|recorded|known|updated|completed|consistent)",
    r"no \w+( \w+)? (is|are|was|were|has been|have been) (yet )?(in place|available|evident|recorded|established)",
    # Implied criticism without a judging word: persistence, legacy, waiting,
    # shortage, figures that Ofsted states as problems, weaknesses leaders know of.
    r"still (too|not|experience[sd]?|experiencing|wait\w*|subject to|lack\w*|require\w*|face[sd]?|facing|"
    r"have to|some|a minority|a few|unallocated|variable|inconsistent|developing|being embedded|embedding)",
    r"remains? (too|variable|inconsistent|underdeveloped|under-developed|unclear|stubbornly|unallocated|"
    r"open to|an? (ongoing |key |significant |persistent )?(priority|gap|area|weakness|challenge|risk))",
    r"(remains?|is|are|still|currently) (\w+ )?fragile",
    r"legacy (of|cases?|issues?|practice|work|drift|delays?|backlogs?|caseloads?)",
    r"historic(al)? (drift|delays?|backlogs?|shortfalls?|weakness(es)?)",
    r"waiting (lists?|times?)",
    r"(are|is|were|was|been|remain|remains) waiting",
    r"on a waiting list",
    r"shortages?( of)?",
    r"(scarcity|paucity|dearth) of",
    r"under-?developed",
    r"under-?(used|utilised|reported|recorded)",
    r"variations? in (the )?(quality|practice|timeliness|standards?|approach|response|consistency)",
    r"unregistered",
    r"demand (\w+ ){0,2}(outstrip\w*|exceed\w*)",
    r"(high|higher|increasing|increased|rising|large|significant) (levels?|rates?|numbers?|proportions?|use) "
    r"of (re-referrals?|repeat\w*|agency|vacanc\w+|unallocated|children (who )?(go |going )?missing|placement moves|"
    r"children (living )?in unregistered)",
    r"(increase|increases|rise|rises) in (the )?(number|numbers|rate|rates|proportion) of (re-referrals?|repeat\w*|"
    r"unallocated|children waiting|agency|vacanc\w+|complaints|placement moves)",
    r"caseloads? (of|vary|varying|varies|range|ranging|are|averag\w+|up to)( \w+){0,3} (2[5-9]|[3-9][0-9])\b",
    r"holding (caseloads? of )?(2[5-9]|[3-9][0-9]) (cases|children)",
    r"a single (\w+ )?(worker|social worker|practitioner|manager|officer) (is responsible|covers|holds)",
    r"only (half|a third|a quarter|a minority)",
    r"(is|are|were) (\w+ )?aware of (this|these|that|it|them)\b",
    r"(is|are|were) (\w+ )?aware (of )?(that )?(the |some |a |an )?(\w+ ){0,2}(need|shortfalls?|gaps?|"
    r"weakness(es)?|deficits?|inconsisten\w+|variab\w+|delays?|backlogs?|drift)",
    r"(recognise|recognises|recognised|acknowledge|acknowledges|acknowledged|know|knows|have identified|"
    r"has identified) (this|these|that) (issues?|shortfalls?|weakness(es)?|gaps?|deficits?|challenges?)",
]
_STRENGTH = [
    r"good",
    r"outstanding",
    r"excellent",
    r"exemplary",
    r"exceptional(ly)?",
    r"impressive(ly)?",
    r"strong(ly|er)?",
    r"strengths?",
    r"effective(ly)?",
    r"robust(ly)?",
    r"thorough(ly)?",
    r"comprehensive(ly)?",
    r"timely",
    r"prompt(ly)?",
    r"swift(ly)?",
    r"rapid(ly)?",
    r"quick(ly)?",
    r"well",
    r"appropriate(ly)?",
    r"proportionate(ly)?",
    r"clear(ly|er)?",
    r"detailed",
    r"high[- ]quality",
    r"skilled",
    r"skilful(ly)?",
    r"knowledgeable",
    r"committed",
    r"dedicated",
    r"tenacious(ly)?",
    r"persistent(ly)?",
    r"passionate(ly)?",
    r"creative(ly)?",
    r"innovative",
    r"proactive(ly)?",
    r"child[- ]centred",
    r"purposeful(ly)?",
    r"meaningful(ly)?",
    r"sensitive(ly)?",
    r"thoughtful(ly)?",
    r"careful(ly)?",
    r"insightful",
    r"analytical",
    r"reflective",
    r"rigorous(ly)?",
    r"consistent(ly)?",
    r"regular(ly)?",
    r"holistic",
    r"compassionate",
    r"nurturing",
    r"warm",
    r"trusting",
    r"supportive",
    r"responsive",
    r"valued?",
    r"values",
    r"enjoy(s|ed)?",
    r"celebrated?",
    r"thriv(e|es|ed|ing)",
    r"flourish\w*",
    r"highly",
    r"powerful",
    r"success(ful|fully)?",
    r"(benefit|benefits|benefited|benefitted|benefiting|benefitting) from",
    r"positive(ly)?",
    r"(has|have|had|significantly|considerably|markedly|greatly|much|demonstrably) improved",
    r"improved",
    r"(is|are|continues? to be|has been|have been) improving",
    r"improvements?",
    r"strengthened",
    r"enhanced",
    r"embedded",
    r"well[- ]established",
    r"confident(ly)?",
    r"ambitious",
    r"aspirational",
    r"aspiration",
    r"accurate(ly)?",
    r"honest",
    r"realistic",
    r"stable",
    r"settled",
    r"safe(ly|r)?",
    r"secure(ly)?",
    r"progress(ed)?",
    r"helpful",
    r"purpose",
    r"determined",
    r"(make|makes|made|making) a (real |positive |significant |tangible )?difference",
    r"(are|is|were|was) (\w+ly )?(helped|supported|encouraged|enabled) to",
    r"(work|works|working|worked) closely",
    r"(high|highest|a high) priority",
    r"reduc(ed|es|ing) (the )?risks?",
    r"manageable",
    r"sustained",
    r"resolute",
    r"vigilant",
    r"decisive(ly)?",
    r"assertive(ly)?",
    r"grip",
    r"visible",
    r"accessible",
    r"collaborative(ly)?",
    r"seamless(ly)?",
    r"cohesive",
    r"right",
    r"benefit of",
    r"steadfast",
    r"listens?( carefully)? to",
    r"listened to",
    r"seriously",
    r"improves",
    r"realised",
    r"involved in (planning|decisions|decision-making|their|shaping|developing|designing)",
    r"(include|includes|included|capture|captures|captured|reflect|reflects|reflected) (the )?(children's|child's|"
    r"young people's|their) (views|wishes|voices?)",
    r"suitable",
    r"imaginative",
    r"daring",
    r"compassion",
    r"love",
    r"(continually|continuously|steadily|rapidly|significantly|increasingly|consistently) improving",
    r"greater (stability|consistency|confidence|clarity|focus|understanding|awareness|resilience|choice)",
    r"at the (heart|centre) of",
    r"better",
    r"routinely",
    r"as a matter of routine",
    r"pride",
    r"proud",
    r"amazing",
    r"brilliant",
    r"enthusiastic",
    r"wide range",
    r"high levels? of support",
    r"(fully|well) (aware|cognisant)",
    r"cognisant",
    r"concerted",
    r"commitment",
    r"(meet|meets|met|meeting) (the |their |these |children's |young people's |care leavers' )?(\w+ ){0,4}needs",
    r"increased (oversight|capacity|stability|focus|use|scrutiny|support)",
    r"additional (oversight|support|capacity|services|resources|funding|investment)",
    r"increasingly",
    r"central",
    r"understandable",
    r"achievable",
    r"improving (the|their|children's|young people's|outcomes|experiences|life|lives)",
    r"investment",
    r"(is|are|remain|remains|stay|stays|keep|keeps) in touch with",
    r"evident",
    r"complements?",
    r"trained",
    r"overseen",
    r"ensure[sd]?",
    r"enables?",
    r"helps",
    r"ensuring",
    r"in place",
    r"(have|has) access to",
    r"help(s|ed|ing)? to",
    r"assisted",
    r"help(s|ed)? (children|young people|them|families|parents|care leavers|carers) to",
    r"prioritised",
    r"understands?",
    r"engaged",
    r"(receive|receives|received) (\w+ )?support",
    r"informs?",
    r"strengthens",
    r"(is|are) strengthening",
    r"(are|is) (\w+ly )?supported (with|by)",
    r"(is|are) sufficient",
    r"active (role|part)",
    r"(are|is) able to",
    r"opportunit(y|ies) to",
    r"available to (help|support|them|children|young people|families|care leavers)",
]
_WEAK_STRENGTH = {
    "are able to",
    "is able to",
    "opportunity to",
    "opportunities to",
    "ensure",
    "ensures",
    "ensured",
    "ensuring",
    "enables",
    "enable",
    "helps",
    "purpose",
    "visible",
    "accessible",
    "secure",
    "progress",
    "progressed",
    "safe",
    "in place",
    "has access to",
    "have access to",
    "helps to",
    "help to",
    "helped to",
    "helping to",
    "assisted",
    "prioritised",
    "understand",
    "understands",
    "engaged",
    "inform",
    "informs",
    "routinely",
    "wide range",
    "increasingly",
    "central",
    "evident",
    "investment",
    "complements",
    "complement",
    "trained",
    "overseen",
    "commitment",
    "helps children to",
    "help children to",
    "helped children to",
    "help young people to",
    "helps young people to",
    "help them to",
    "helps them to",
    "help families to",
}
_NEGATOR = [
    r"not (always|all|consistently|routinely|sufficiently|fully|yet|regularly|effectively|"
    r"clearly|robustly|systematically|well|as|universally|uniformly|reliably|evidently|"
    r"timely|appropriately|adequately|properly|easily|readily|currently|quickly|swiftly)",
    r"n't",
    r"not",
    r"no",
    r"never",
    r"nor",
    r"without",
    r"rarely",
    r"seldom",
    r"hardly",
    r"cannot",
    r"unable to",
    r"less",
    r"fewer",
    r"few",
    r"little",
]
_NEGVERB = [
    r"(do|does|did|is|are|was|were|has|have|had|will|can|could|should)( still| yet| also| often| currently)?"
    r"(\s+not|n't)",
    r"cannot",
    r"can't",
    r"won't",
]
_CONTRAST = [
    r"but",
    r"however",
    r"although",
    r"though",
    r"while",
    r"whilst",
    r"despite",
    r"whereas",
    r"albeit",
    r"except",
    r"nevertheless",
    r"in contrast",
    r"even so",
    r"yet(?=,)",
]
_CONTEXT = [
    r"who",
    r"whose",
    r"when",
    r"where",
    r"if",
    r"unless",
    r"whether",
    r"until",
    r"once",
    r"why",
    r"what",
    r"whom",
]
_LIMITING_NOUNS = (
    r"(children|young people|families|care leavers|cases|plans|social workers|workers|"
    r"carers|parents|assessments|records|teams|staff)"
)
_LIMITING = {"not all", "for some", "in some cases", "a few"}
_LIMITING_STARTS = ("some ", "a small number of ", "a small minority of ", "a minority of ")
_HEDGE = [
    # written out, not as one nested group: a nested group is tried only after every
    # cue sharing a literal prefix, so "a small number of" won before the noun was read
    rf"a (small |very small )?(number|minority) of {_LIMITING_NOUNS}",
    rf"a few {_LIMITING_NOUNS}",
    rf"some {_LIMITING_NOUNS}",
    r"some (children|young people|families|care leavers|cases|plans|social workers|workers|"
    r"staff|managers|teams|areas|assessments)",
    r"some",
    r"a (small )?(number|minority) of",
    r"a few",
    r"for some",
    r"in some cases",
    r"most",
    r"many",
    r"not all",
]


_META = set("()[]{}?*+|\\.^$")


def _expand(alt: str) -> list[str]:
    """Distribute a leading ``(a|b)`` or ``(a|b)?`` group so each variant opens with literal text."""
    if not alt.startswith("("):
        return [alt]
    depth, close = 0, len(alt) - 1
    for pos, ch in enumerate(alt):
        depth += ch == "("
        depth -= ch == ")"
        if depth == 0:
            close = pos
            break
    inner, rest = alt[1:close], alt[close + 1 :]
    if inner.startswith("?:"):
        inner = inner[2:]
    if any(c in inner for c in "()[]\\"):
        return [alt]  # nested: leave it whole
    optional = rest.startswith("?")
    rest = rest[1:] if optional else rest
    out = [o + rest for o in inner.split("|")] + ([rest] if optional else [])
    return [y for x in out for y in _expand(x)]


def _split_literal(alt: str) -> tuple[str, str]:
    i = 0
    while i < len(alt) and alt[i] not in _META:
        i += 1
    prefix = alt[:i]
    if i < len(alt) and alt[i] in "?*{" and prefix:  # the quantifier binds the last char
        prefix = prefix[:-1]
    return prefix, alt[len(prefix) :]


@functools.cache
def _cue_regex() -> tuple[re.Pattern[str], tuple[str, ...], frozenset[str]]:
    """One regex for every cue, as a character trie over the cues' literal prefixes.

    A flat alternation of a few hundred phrases makes ``re`` try each one at
    every word; the trie tries a handful. Each cue is one capturing group
    (``m.lastindex`` says which); alternatives keep their order where they
    compete, so a neutralising phrase ("well-being") still beats its cue ("well").
    """
    categories = [
        ("neu", _NEUTRAL),
        ("spair", _STRENGTH_PAIRS),
        ("negverb", _NEGVERB),
        ("neg", _NEGATOR[:1]),
        ("con", _CONCERN),
        ("str", _STRENGTH),
        ("neg2", _NEGATOR[1:]),
        ("ctr", _CONTRAST),
        ("ctx", _CONTEXT),
        ("hedge", _HEDGE),
    ]
    trie: dict = {"kids": {}, "leaves": [], "min": 10**9}
    order = 0
    heads: set[str] = set()  # the first three letters (or fewer) of every cue
    for cat, alts in categories:
        for alt in alts:
            alt = re.sub(r"\((?!\?)", "(?:", alt)  # only the trie's groups capture
            for variant in _expand(alt):
                prefix, rest = _split_literal(variant)
                heads.add(prefix[:3])
                node = trie
                node["min"] = min(node["min"], order)
                for ch in prefix:
                    node = node["kids"].setdefault(ch, {"kids": {}, "leaves": [], "min": 10**9})
                    node["min"] = min(node["min"], order)
                node["leaves"].append((order, rest, cat))
                order += 1
    cats: list[str] = ["?"]  # group 0 is the whole match

    def emit(node: dict) -> str:
        items = [(o, None, rest, cat) for o, rest, cat in node["leaves"]]
        items += [(kid["min"], ch, kid, None) for ch, kid in node["kids"].items()]
        parts = []
        for _, ch, sub, cat in sorted(items, key=lambda x: x[0]):
            if ch is None:
                cats.append(cat)
                parts.append(f"({sub})")
            else:
                parts.append(re.escape(ch) + emit(sub))
        return parts[0] if len(parts) == 1 else "(?:" + "|".join(parts) + ")"

    pattern = rf"\b{emit(trie)}(?![a-z0-9])"
    return re.compile(pattern), tuple(cats), frozenset(heads)


_OPENERS = "('\"‘“[-–"


def _cue_matches(s: str) -> Iterator[re.Match[str]]:
    """Cue matches at word starts, left to right, never overlapping.

    Only words whose first letters open some cue are tried: a set lookup per
    word instead of a regex attempt per word.
    """
    regex, _, heads = _cue_regex()
    anywhere = "" in heads
    pos, n, resume = 0, len(s), 0
    while pos < n:
        end = s.find(" ", pos)
        end = n if end == -1 else end
        start = pos
        while start < end and s[start] in _OPENERS:
            start += 1
        if start >= resume and (
            anywhere
            or s[start : start + 3] in heads
            or s[start : start + 2] in heads
            or s[start : start + 1] in heads
        ):
            m = regex.match(s, start)
            if m is not None:
                resume = m.end()
                yield m
        pos = end + 1


_BOUNDARY = re.compile(
    r"[,;:()–—]|\b(but|however|although|whereas|which|who|because|so that|while|whilst)\b"
)
_WORD = re.compile(_W)
# A negator's reach ends at the next verb group: "children who do not attend
# school *are* quickly found" negates "attend", not "quickly".
_AUX = re.compile(
    r"\b(is|are|was|were|has|have|had|will|can|could|would|should|may|might|do|does|did)\b"
)
_NEG_REACH = 5  # words after a negator that it can reach
# Concern words that describe a child's circumstances when they sit in a
# who/when/where/if clause ("children who have poor attendance").
_DESCRIPTIVE = {
    "poor",
    "poorly",
    "limited",
    "unable",
    "unsafe",
    "unstable",
    "instability",
    "difficult",
    "difficulty",
    "difficulties",
    "challenging",
    "struggle",
    "struggles",
    "struggled",
    "struggling",
    "inappropriate",
    "unmet",
    "missed",
    "worrying",
    "concerning",
    "declined",
    "deteriorate",
    "deteriorates",
    "deteriorated",
    "deteriorating",
    "unregistered",
    "negative",
    "adverse",
    "adversely",
}
# Alone, "too soon/early to see the impact" is a caveat, not a criticism; after
# "however"/"although" it is the critical half of the sentence or of its context.
_TOO_SOON = ("too soon", "too early")
# Children not seen or contacted are the service's omission, even in a who-clause.
_UNSEEN = re.compile(r" been (seen|visited|contacted)\b")
_NEGVERB_EXEMPT = re.compile(
    r"\s*(need|needed|want|wanted|wish|have to|wait|happen|apply|"
    r"always need|know|reoffend|go missing|attend school|live|return|necessary|required)\b"
)


def _normalise(text: str) -> str:
    return " ".join(text.lower().replace("’", "'").replace("‘", "'").split())


def polarity_of(text: str) -> tuple[Polarity, tuple[str, ...]]:
    """The polarity of a sentence and the cues that decided it.

    Works on any text (a sentence of a report, a recommendation, a news
    paragraph); no spaCy model is needed.

    >>> polarity_of("Too many children experience delay in permanence.")
    (<Polarity.CONCERN: 'concern'>, ('too many', 'delay'))
    >>> polarity_of("Leaders are aware of the gaps in supervision and have plans to address them.")[0].value
    'concern'
    >>> polarity_of("Care leavers are well supported by their personal advisers.")
    (<Polarity.STRENGTH: 'strength'>, ('well',))
    >>> polarity_of("The local authority looks after 420 children.")
    (<Polarity.NEUTRAL: 'neutral'>, ())
    """
    s = _normalise(text)
    if _HISTORY.match(s) and not _PERSISTS.search(s):
        return Polarity.NEUTRAL, ()  # "At the last inspection, X was judged ...": history
    concern: list[tuple[int, str]] = []
    strength: list[tuple[int, str, bool]] = []  # position, cue, weak
    hedges: list[str] = []
    negators: list[tuple[int, int, str]] = []  # start, end, text
    contrasts: list[tuple[int, int, str]] = []
    contexts: list[tuple[int, str]] = []
    negverbs: dict[str, int] = {}
    cats = _cue_regex()[1]
    for m in _cue_matches(s):
        kind = cats[m.lastindex]
        cue = m.group()
        if kind == "neu":
            continue
        if kind == "spair":
            strength.append((m.start(), cue, False))
        elif kind == "con":
            if cue.split(" ", 1)[0] in _DESCRIPTIVE_OR_SHOULD and _in_context(
                s, m.start(), contexts
            ):
                continue  # "children who have poor attendance", "when consent should be sought"
            neg = _negator_before(s, m.start(), negators, reach=3, aux_stops=False)
            if neg is not None and neg[2] in ("no", "without", "never"):
                strength.append((neg[0], f"{neg[2]} … {cue}", False))  # "no delay"
            else:
                concern.append((m.start(), cue))
        elif kind == "str":
            strength.append((m.start(), cue, cue in _WEAK_STRENGTH))
        elif kind == "negverb":
            cut = max(cue.rfind("not"), cue.rfind("n't"), 0)
            negators.append((m.start() + cut, m.end(), cue[cut:]))
            negverbs[cue] = m.start() + cut
            if (
                not _in_context(s, m.start(), contexts) or _UNSEEN.match(s, m.end())
            ) and not _NEGVERB_EXEMPT.match(s, m.end()):
                concern.append((m.start(), cue))  # "children who have not been seen"
        elif kind in ("neg", "neg2"):
            negators.append((m.start(), m.end(), cue))
            if kind == "neg":
                concern.append((m.start(), cue))
        elif kind == "ctr":
            contrasts.append((m.start(), m.end(), cue))
        elif kind == "ctx":
            contexts.append((m.start(), cue))
        elif kind == "hedge":
            hedges.append(cue)

    # A praise word within a negator's reach is criticism: "not always *timely*".
    if negators and strength:
        used: set[int] = set()
        kept = []
        for pos, cue, weak in strength:
            neg = _negator_before(s, pos, negators)
            if neg is None:
                kept.append((pos, cue, weak))
            elif not _in_context(s, neg[0], contexts):
                used.add(neg[0])
                near = len(_WORD.findall(s[neg[1] : pos])) <= 2
                concern.append(
                    (neg[0], s[neg[0] : pos + len(cue)] if near else f"{neg[2]} … {cue}")
                )
        strength = kept
        if used:  # "do not" that negates a praise word is reported through that word
            concern = [(p, c) for p, c in concern if not (c in negverbs and negverbs[c] in used)]
    # A concern word negated ("no delay") was caught as a strength pair; a concern
    # word inside a conditional/relative clause about circumstances stays a concern.
    concern = _dedupe_negated(concern)
    # A weakness that the sentence's action prevents or reduces is not a criticism:
    # "commission services to *avoid long waits*", "reducing the risk of children being
    # left *without effective* support".
    if concern:
        concern = [(p, c) for p, c in concern if not _prevented(s, p) and not _tackled(s, p, c)]
    # "Despite financial pressures, the council has invested ...": pressures from
    # outside the service, conceded in an opening clause, are not its criticism.
    if concern and s.startswith(("despite ", "in spite of ")):
        comma = s.find(",")
        concern = [(p, c) for p, c in concern if not (p < comma and _EXTERNAL.search(c))]
    strong = [x for x in strength if not x[2]]
    # "When worries remain too high, an appropriate meeting is held": a
    # weakness in an opening when/if clause is the circumstance the main clause's
    # praise answers, not a criticism of the service.
    if concern and strong and s.startswith(_CONDITION_OPENERS):
        comma = s.find(",")
        if (
            comma > 0
            and all(p < comma for p, _ in concern)
            and any(p > comma for p, _, _ in strong)
        ):
            concern = []
    limiting = [h for h in hedges if h in _LIMITING or h.startswith(_LIMITING_STARTS)]
    if not concern and not strong:
        if strength and not negators:
            return Polarity.STRENGTH, tuple(dict.fromkeys(c for _, c, _ in strength))
        # Ofsted's report style: a sentence opening with "However" after praise,
        # or one about "some children" with nothing praised, is the criticism.
        opener = s.split(" ", 1)[0].strip(",")
        if opener in ("however", "despite", "but"):
            return Polarity.CONCERN, (opener, *dict.fromkeys(hedges))
        if limiting and not strength:
            return Polarity.CONCERN, tuple(dict.fromkeys(limiting))
        return Polarity.NEUTRAL, ()
    if concern and not strong:
        cues = [c for _, c in sorted(concern)]
        if all(c.startswith(_TOO_SOON) for c in cues) and not strength and not contrasts:
            return Polarity.NEUTRAL, ()  # "it is too soon to evaluate the impact": a caveat
        return Polarity.CONCERN, tuple(dict.fromkeys(cues + hedges))
    if strong and not concern:
        return Polarity.STRENGTH, tuple(dict.fromkeys(c for _, c, _ in strong))
    # Both: mixed when a contrast separates them, otherwise criticism dominates.
    for split in _split_points(s, contrasts):
        left_c = any(p < split for p, _ in concern)
        right_c = any(p > split for p, _ in concern)
        left_s = any(p < split for p, _, _ in strong)
        right_s = any(p > split for p, _, _ in strong)
        if (left_s and right_c and not left_c) or (left_c and right_s and not right_c):
            cues = [c for _, c in sorted(concern)] + [c for _, c, _ in strong]
            return Polarity.MIXED, tuple(dict.fromkeys(cues))
    # One criticism word among two or more praise cues, with no contrast between them,
    # is usually incidental ("reviews are completed in a timely way and, where there
    # are delays, the reasons are understood and appropriate"). Praise inside a
    # purpose clause ("... to ensure that support is timely") is a goal, not a
    # judgement, and does not count.
    if len(concern) == 1 and not limiting:  # "some plans are vague" stays a criticism
        purpose = _PURPOSE.search(s)
        judged = [x for x in strong if purpose is None or x[0] < purpose.start()]
        if len(judged) >= 2:
            return Polarity.STRENGTH, tuple(dict.fromkeys(c for _, c, _ in judged))
    cues = [c for _, c in sorted(concern)]
    return Polarity.CONCERN, tuple(dict.fromkeys(cues + hedges))


_CONDITION_OPENERS = ("when ", "whenever ", "if ", "where ")
# Concern words that are circumstances in a who/when clause, and "should" there (procedure).
_DESCRIPTIVE_OR_SHOULD = _DESCRIPTIVE | {"should"}

# A sentence that opens in the past ("At the last inspection, ...", "A year ago, ...")
# and says nothing of now reports history, whatever its judging words.
_HISTORY = re.compile(
    r"((on|at|in|during) the (last|previous|most recent|earlier) (full |judgement |ilacs |sif |focused |"
    r"monitoring )?(inspection|visit)|a year ago,|(\w+ ){1,8}(was|were) an? areas? for improvement (in|at) the "
    r"(last|previous|most recent))"
)
_PERSISTS = re.compile(
    r"\b(still|remains?|remained|now|continues?|continued|persists?|since|yet)\b"
)
_EXTERNAL = re.compile(
    r"\b(financial|budget\w*|funding|economic|national|demand|pandemic|challenges)\b"
)
# Where a sentence turns from what is done to what it is for: praise after this is a goal.
_PURPOSE = re.compile(
    r"\b(to ensure|ensuring|so that|in order to|to secure|to achieve|achieving|to provide|to deliver|"
    r"to help|helping|to support|to improve|to enable|enabling|to build|to develop|to make|in making|"
    r"aims? to|aimed at|needed to|required to|to meet|to maintain|to form)\b"
)
_ENSURE_THAT = re.compile(r"\bensur(e|es|ed|ing) that ([a-z'\-]+ ){0,3}$")
_NOT_HERE = re.compile(r"(do|does|are|is|will) not\b")
_PREVENT = re.compile(
    r"\b(ensur(e|es|ed|ing) that (\w+ ){0,3}(do|does|are|is|will) not|avoid\w*|prevent\w*|minimis\w*|minimiz\w*|mitigat\w*|reduc(e|es|ed|ing) the (risk|likelihood|"
    r"number|incidence) of|protect\w* (\w+ )?from|safeguard\w* (\w+ )?from)\b"
)


def _prevented(s: str, pos: int) -> bool:
    """True if a prevention verb governs the cue at ``pos`` (within six words, one clause)."""
    start = max(0, pos - 60)
    window = s[start:pos]
    if _ENSURE_THAT.search(window) and _NOT_HERE.match(s, pos):
        return True  # "ensures that children *do not* remain in unsafe circumstances"
    found = list(_PREVENT.finditer(window))
    if not found:
        return False
    between = window[found[-1].end() :]  # from the nearest one before the cue
    return len(_WORD.findall(between)) <= 6 and not _BOUNDARY.search(between)


# A weakness named as what the service is tackling: "the new team is tackling the
# weaknesses in supervision well", "acted quickly to resolve the shortfalls".
_TACKLE = re.compile(
    r"\b(address|addresses|addressed|addressing|tackl\w+|rectif\w+|resolv\w+|remedy\w*|remedied)"
    r"( (the|these|this|those|its|their|any|identified|significant|serious|practice|key|remaining)){0,3} $"
)
_TACKLED = re.compile(
    r"(weakness(es)?|deficits?|deficienc(y|ies)|shortfalls?|issues?|challenges?|difficult(y|ies)|gaps?|concerns?)\b"
)


def _tackled(s: str, pos: int, cue: str) -> bool:
    """True if the cue is a weakness noun that a tackling verb just before it takes as object."""
    return bool(_TACKLED.search(cue)) and bool(_TACKLE.search(s, max(0, pos - 60), pos))


def _in_context(s: str, pos: int, contexts: list[tuple[int, str]]) -> bool:
    """True if ``pos`` sits in a clause opened by who/when/where/if... (circumstances).

    A who/whose clause is taken to end after its own verb ("children who return
    home from care *do not* benefit"): only the first two words after "who" are in it.
    """
    for c, word in contexts:
        if c >= pos or pos - c >= 40 or _BOUNDARY.search(s, c + 1, pos):
            continue
        if word in ("who", "whose", "whom") and len(_WORD.findall(s, c + len(word), pos)) > 2:
            continue
        aux = _AUX.search(s, c + len(word), pos)  # "when they first leave care *is* too limited"
        if aux and len(_WORD.findall(s, c + len(word), aux.start())) >= 3:
            continue
        return True
    return False


def _negator_before(
    s: str,
    pos: int,
    negators: list[tuple[int, int, str]],
    reach: int = _NEG_REACH,
    aux_stops: bool = True,
):
    for start, end, text in reversed(negators):
        if end > pos:
            continue
        between = s[end:pos]
        if len(_WORD.findall(between)) > reach or _BOUNDARY.search(between):
            return None
        if aux_stops and _AUX.search(between):
            return None
        return start, end, text
    return None


def _dedupe_negated(concern: list[tuple[int, str]]) -> list[tuple[int, str]]:
    """Keep the longest cue when a negator and its negated phrase start together."""
    best: dict[int, str] = {}
    for pos, cue in concern:
        if pos not in best or len(cue) > len(best[pos]):
            best[pos] = cue
    return sorted(best.items())


def _split_points(s: str, contrasts: list[tuple[int, int, str]]) -> list[int]:
    points = []
    for start, end, word in contrasts:
        if word in ("although", "though", "while", "whilst", "despite", "whereas", "albeit") and (
            start == 0 or s[max(0, start - 2) : start].strip() in (",", "")
        ):
            comma = s.find(",", end)
            points.append(comma if comma != -1 else end)
        else:
            points.append(start)
    return points
