"""A message saying the previous answer did not answer it: the same answer again would loop
(probe 16: the same entry three or four times in a row, 007, 020, 022, 033)."""

from __future__ import annotations

import re

from actions.parsing.talk import reproaches
from knowledge.text import normalise

# (normalised)
_NOT_ANSWERED = re.compile(
    r"答非所问|(?:没|冇|未|无)(?:有)?(?:回应|回答|答到|答|响应)(?:本人|我|到)?(?:的|嘅|之)?(?:提问|问题|条问题)"
    r"|(?:答复|答覆|回答|回复|答案)(?:与|同|和|跟)(?:前述|之前|上次|上面|头先|刚才)(?:的|嘅)?(?:相同|一样|一模一样)"
    r"|没看懂|看不懂|睇唔明|(?:一样|同样|相同)(?:的|嘅)(?:答案|回答|答复)|又系(?:呢|同)(?:段|个答案)"
    r"|\b(?:u|you) (?:just )?repeat(?:ed)? (?:urself|yourself|ur self)|\bnot a (?:yes or no|straight answer)"
    r"|\b(?:you )?(?:didn'?t|did not|don'?t|do not) (?:actually )?answer|\bthat'?s not what i (?:asked|meant)"
    r"|\bdoesn'?t answer|\bsame (?:answer|reply|thing) as (?:before|last time)|\bi already (?:read|saw) that"
    r"|n[ãa]o (?:me )?respondeu|n[ãa]o (?:é|e) isso que (?:eu )?perguntei|a mesma resposta|j[áa] (?:li|vi) isso"
)


def says_not_answered(text: str) -> bool:
    """Whether `text` says the answer given did not answer it, or reproaches the assistant for
    repeating itself, whatever else it asks."""
    return reproaches(text) or bool(_NOT_ANSWERED.search(normalise(text)))
