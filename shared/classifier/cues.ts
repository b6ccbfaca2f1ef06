/**
 * Cue families: the phrasings through which a candidate scopes, weighs, challenges,
 * corrects, raises edge cases and orders the work. Each is a family of phrasings, matched
 * case-insensitively inside one sentence of the candidate's own words (see turns.ts). A cue
 * alone earns little: the rules also ask that the sentence names something of the session.
 */

// -- Scoping ---------------------------------------------------------------------------
/** Asks for understanding, options or a plan before changes are made. */
export const PLAN_ASK = /\b(plan|propos(?:e|al)|design|approach(?:es)?|research|investigat\w*|analy[sz]\w*|explor\w*|options|alternatives|mock-?up|outline|spec(?:s|ification)?|walk (?:me|us) through|talk (?:about|through)|discuss|think (?:about|through)|before (?:you|we|writing|coding|changing|implementing|making|touching|doing)|(?:don'?t|do not) (?:write|change|code|implement|touch|edit|start)|no code|(?:just|only) (?:read|look|analy[sz]e)|what would you (?:propose|suggest|recommend)|how would you|can you (?:analy[sz]e|compare|summari[sz]e|explain)|compare)\b/i;
/** States a requirement or a limit. */
export const CONSTRAINT = /\b(must(?:n'?t| not)?|should(?:n'?t| not)|(?:do not|don'?t|never) (?:\w+)|only|without|keep(?:ing)?|preserve|at most|at least|no more than|backwards?[- ]compatible|require(?:d|ment)s?|constraints?|make sure|ensure|needs? to|has to|the goal is|prefer(?:ably)?|in scope|out of scope|not in scope|as little as|minimal)\b/i;
/** Breaks the work into parts. */
export const STEPS = /(^|\n)\s*(\d+[.)]|[-*•])\s+\S|\b(first(?:ly)?,|then,? |step \d|after that|finally,|phase \d|part \d|in order)\b/i;

// -- Tradeoffs -------------------------------------------------------------------------
/** Gives a reason. */
export const REASON = /\b(because|since (?:we|it|the|this|that|there|they|you|i)|so that|otherwise|the reason|given that|which means|due to|in order to|that way|the risk|risk(?:s|y)? (?:is|of|that)|too (?:much|big|complex|complicated|slow|risky|expensive|granular|many|fragile)|overkill|the cost|costs? (?:more|less)|at the cost of|the downside|the upside|the benefit|the problem (?:is|with)|won'?t scale|as (?:it|this|that) (?:would|will|is|makes|means|keeps)|to much|not (?:really )?(?:feasible|practical|necessary|needed)|feasible|so we (?:can|don'?t|won'?t)|which (?:would|will) (?:make|mean|break|avoid)|to avoid|avoids?|makes? (?:it|this|that) (?:easier|harder|simpler|cleaner)|the (?:point|idea) is|i (?:think|feel|believe) (?:that )?(?:\w+ )?(?:is|are|would|should))\b/i;
/** Names an alternative or a comparison. */
export const ALTERNATIVE = /\b(instead of|rather than|vs\.?|versus|alternatives?|option (?:\d|[a-c]\b|one|two)|either\b.{1,80}\bor|or should|or do we|or (?:just|maybe|perhaps)|compared? (?:to|with)|trade-?offs?|pros and cons|middle ground|better (?:to|than|if|off)|worse|prefer(?:red|able)?|simpler|cleaner|safer|cheaper|faster|slower|more (?:robust|reliable|complex|flexible|readable)|less (?:risky|complex|code)|advantages?|disadvantages?|downsides?|upsides?|the other (?:way|approach|option)|how about|what about (?:using|doing|making|just|a|an|the)|(?:could|can|should) we (?:instead|just|also|rather)|i'?d rather|i (?:would )?prefer|is (?:it|this|that) (?:better|worth|enough)|(?:would|is) (?:it|this) (?:be )?(?:better|simpler|enough)|good enough|worth (?:it|the)|not worth|(?:less|more) (?:worried|important|concerned)|for now|later on|eventually|defer)\b/i;
/** A criterion a choice is judged by. */
export const CRITERION = /\b(speed|fast(?:er)?|slow(?:er)?|performance|latency|throughput|memory|risk(?:s|y|ier)?|safe(?:r|ty)?|readab(?:le|ility)|maintainab(?:le|ility)|simpl(?:e|er|icity)|complex(?:ity)?|cost|cheap(?:er)?|security|compatib(?:le|ility)|scal(?:e|able|ability)|testab(?:le|ility)|usability|reliab(?:le|ility)|robust(?:ness)?|fragile|stable|consisten(?:t|cy)|accura(?:te|cy))\b/i;

// -- Adversarial -----------------------------------------------------------------------
/** Pushes back on what the agent said or did. */
export const CHALLENGE = /\b(are you sure|you sure\b|is (?:that|this|it) (?:right|correct|true|really)|(?:that'?s|that is|this is|it'?s|it is) (?:wrong|not (?:right|correct|true|what|how|it)|incorrect|misleading)|(?:is|was|are|were) wrong|incorrect|not quite|doesn'?t (?:work|look right|seem right|make sense|match)|didn'?t (?:work|fix|change|help)|(?:is|are)n'?t (?:working|right|correct|fixed)|not (?:working|fixed|what i|correct)|still (?:see|seeing|shows?|showing|broken|fail\w*|not|the same|wrong|getting|there|happen\w*|has|have)|why (?:did|is|are|does|do|would|was|were|not|isn'?t|doesn'?t)|prove it|double[- ]check|how do (?:you|we) know|what makes you|(?:i )?don'?t (?:think|believe|agree)|not (?:sure|convinced) (?:that|about|this|it)|we had this before|you (?:broke|removed|changed|missed|forgot|said|claimed|ignored|skipped)|just (?:testing|checking) that|hallucinat\w*|being agreeable|no,|nope|that'?s not|you'?re (?:wrong|missing)|sanity[- ]check|verify (?:that|this|it|your)|look again|check again|but (?:the|it|that|this|then|what|why|you|we|i)\b|, right\?|right\?\s*$|is (?:it|that) (?:really|actually)|really\?|shouldn'?t (?:it|that|this|we)|(?:it|this|that) should(?:n'?t)? (?:be|have)|that (?:can'?t|cannot) be|doesn'?t (?:that|this|it) (?:mean|break)|wouldn'?t (?:that|this|it))/i;
/** A bare approval that names nothing. */
export const APPROVAL_ONLY = /^\s*(?:(?:ok(?:ay)?|k|looks (?:good|fine|great)|lgtm|great|nice|perfect|thanks?|thank you|ship it|yes|yep|yup|yeah|sure|go ahead|continue|proceed|do it|just do it|cool|good|fine|sounds good|go|please|resume|1|2|3)[\s,.!]*)+$/i;

/** A question that probes what the agent said or did (not a request phrased as a question). */
export const PROBE = /^(?!\s*(?:can|could|would|will) you\b|\s*please\b)[\s\S]*\?\s*$/i;
/** A question that weighs a choice. */
export const WEIGH_QUESTION = /\b(should (?:we|i|it|this)|do we (?:even |really )?need|is (?:it|this|that) (?:better|worth|necessary|needed|enough|problematic|a good idea|overkill)|would it be|which (?:is|one|would|approach|option)|or (?:should|would|do|is|are|just)|what (?:are|is) the (?:trade-?offs?|downsides?|advantages?|pros|cost|risk)|(?:how|what) about|why not)\b[\s\S]*\?/i;

// -- Self-correction -------------------------------------------------------------------
/** The candidate changes their own course. */
export const OWN_REVERSAL = /\b(actually|on second thought|let'?s (?:go back|try something else|try another|not|revert|undo|drop|scrap|rethink|reconsider|simplify|step back|start over|back up|park)|scratch that|never ?mind|forget (?:it|that|about)|i (?:was wrong|concede|messed up|made a mistake|misread|misunderstood|got (?:it|that|this) wrong|changed my mind|take (?:it|that) back|stand corrected|was mistaken|didn'?t (?:mean|specify|realise|realize))|my (?:bad|mistake|fault)|sorry,? (?:i|my|that)|i meant|what i meant|to clarify|(?:remove|undo|revert|drop) (?:this|that|it|the \w+) again|hold on|wait,|hmm|rather,|changed? (?:my|the) (?:mind|plan|approach)|on reflection|thinking (?:about it|more)|different approach|instead,|i was thinking|i'?m (?:getting )?(?:mixed up|confused)|i (?:might|may) (?:be wrong|have)|(?:ok|okay|alright),? (?:so |then )?(?:let'?s|we) (?:not|go back|drop|rather)|less worried|not (?:needed|necessary) (?:anymore|after all)|(?:that|this) (?:was|is) (?:a )?(?:bad|wrong) idea|go back to)\b/i;
/** Deliberating aloud: weighing their own view, where revisions come from. */
export const DELIBERATION = /\b(i (?:think|guess|suppose|wonder|feel|suspect|believe)|(?:i'?m|i am) (?:not sure|less|more|unsure|worried|thinking|wondering)|maybe|perhaps|on the other hand|thinking (?:aloud|about it)|it might|we might|probably)\b/i;

/** Asks for a retry without a new idea. */
export const RETRY_ONLY = /^\s*(try again|again|retry|run it (?:once )?(?:more|again)|keep going|continue|resume)\b/i;

// -- Edge cases ------------------------------------------------------------------------
/** Raises a scenario the work has to survive. */
export const SCENARIO = /\b(what if|what happens (?:(?<!(?:sure|see|know|wonder|wondering|check|ask|asking|decide|curious|unclear|tell me) )if|when|to)|what about|edge[- ]cases?|corner[- ]cases?|scenarios?|in case|(?:(?<!(?:sure|see|know|wonder|wondering|check|ask|asking|decide|curious|unclear|tell me) )if|when) (?:the user|a user|someone|somebody|they|there (?:is|are) no|it fails|the \w+ (?:fails|is empty|is missing|doesn'?t exist|already exists))|(?:both|all) (?:cases|paths)|does (?:it|this|that) (?:handle|cover|work (?:with|for|when|(?<!\b(?:sure|see|know|wonder|wondering|check|ask|asking|decide|curious|unclear|tell me) )if))|how (?:does|do|will|would) (?:it|this|that|we) (?:handle|cope|behave|deal)|handle[sd]? (?:the case|when|(?<!\b(?:sure|see|know|wonder|wondering|check|ask|asking|decide|curious|unclear|tell me) )if)|pathological|fallback|what'?s the behaviou?r|(?:when|(?<!\b(?:sure|see|know|wonder|wondering|check|ask|asking|decide|curious|unclear|tell me) )if|in case|once|whenever) (?:i|we|you|someone|somebody|users?|people|they|there|another|other|two|both|a \w+ (?:is|was|has|gets))\b|break(?:s|ing)? (?:this|it|that)|would (?:this|it|that) (?:break|work|survive|hold)|falls? apart|pitfalls?|gotchas?|potential (?:issues|problems|bugs)|anything (?:else )?(?:we'?re |i'?m )?missing|(?:which|what) (?:cases|situations)|unless|except (?:when|for|(?<!\b(?:sure|see|know|wonder|wondering|check|ask|asking|decide|curious|unclear|tell me) )if))\b|\b(?:both|all|each|every|other|remaining|different|\w+ (?:and|or|vs\.?) \w+) (?:\w+ )?(?:cases|paths|scenarios|states|combinations)\b|\b(?:(?<!\b(?:sure|see|know|wonder|wondering|check|ask|asking|decide|curious|unclear) )if|when|whenever|in case|once|unless)\b[^.?!\n]{3,}\b(?:would|will|should|then|happens?|breaks?|fails?|render|show)\b|\b(?:(?<!\b(?:sure|see|know|wonder|wondering|check|ask|asking|decide|curious|unclear) )if|when|whenever)\b[^.?!\n]{3,}\?/i;

export interface EdgeCategory {
  id: string;
  label: string;
  re: RegExp;
}

/** The kinds of edge case a candidate can own. */
export const EDGE_CATEGORIES: EdgeCategory[] = [
  { id: 'empty', label: 'empty or missing values', re: /\b(empty|null|undefined|nil|none|blank|missing|zero[- ]length|no (?:items|rows|input|data|results?|changes))\b/i },
  { id: 'bounds', label: 'bounds and limits', re: /\b(off[- ]by[- ]one|boundar(?:y|ies)|overflow|underflow|out of range|limits?|threshold|truncat\w*|max(?:imum)?|min(?:imum)?)\b/i },
  { id: 'unicode-time', label: 'unicode, encodings and time', re: /\b(unicode|utf-?8|utf-?16|emoji|encoding|locale|time ?zones?|dst|daylight|leap (?:year|second|day)|utc|timestamps?|clock skew)\b/i },
  { id: 'concurrency', label: 'concurrency and several at once', re: /\b(race(?: condition)?s?|concurren(?:t|cy)|lock(?:s|ing)?|parallel|deadlock|threads?|atomic|idempoten(?:t|cy)|simultaneous\w*|multiple (?:sessions?|users?|instances?|agents?|worktrees?|processes|tabs|windows)|two (?:sessions?|instances?|users?|agents?))\b/i },
  { id: 'failures', label: 'failures and recovery', re: /\b(timeouts?|times? out|timed out|retr(?:y|ies)|network (?:error|failure)|crash(?:es|ed)?|killed|interrupt(?:ed|s)?|ctrl-?c|partial(?:ly)? (?:fail\w*|written|applied)|rollback|roll back|recover\w*|corrupt\w*|stale|error handling|fails? silently|silently fail\w*)\b/i },
  { id: 'invalid', label: 'invalid input', re: /\b(invalid|malformed|validat(?:e|ion)|sanitiz(?:e|ation)|injection|escap(?:e|ing)|bad input|garbage|unexpected input|typos?)\b/i },
  { id: 'large', label: 'large inputs', re: /\b(large|huge|millions?|billions?|big (?:files?|inputs?|repos?)|pagination|out of memory|oom|monorepo|thousands)\b/i },
  { id: 'platform', label: 'platforms and environments', re: /\b(windows|macos|linux|cross[- ]platform|non[- ]interactive|interactive mode|ci\b|headless|offline|permissions?|first (?:run|time|launch)|subsequent|fresh (?:install|clone)|backwards?[- ]compat\w*|older versions?|global (?:config|settings|ignore)|local vs|vs\.? (?:local|global))\b/i },
  { id: 'security', label: 'secrets, privacy and access', re: /\b(secrets?|credentials?|api keys?|tokens? (?:leak\w*|exposed)|pii|personal data|leak\w*|exposed|visible (?:in|to)|auth(?:entication|orization)?|passwords?|sudo|permissions?)\b/i },
  { id: 'history', label: 'history rewrites and state', re: /\b(amend(?:ed|s)?|rebase[ds]?|squash(?:ed)?|force[- ]push\w*|cherry[- ]pick\w*|stash(?:ed)?|reset|detached head|merge conflicts?|rewind\w*|undo|revert(?:ed)?)\b/i },
];

// -- Sequencing ------------------------------------------------------------------------
/** Asks to read, search or understand before changing. */
export const READ_ASK = /\b(read|look (?:at|into|through)|inspect|review|search|grep|find (?:out|where|which|the)|explore|understand|study|investigate|analy[sz]e|trace|dig into|check (?:how|where|what|which|whether|if)|figure out|which (?:line|file|function|commit)|where (?:is|does|do)|what does|how does|explain)\b/i;
/** Asks to test, run or verify. */
export const VERIFY_ASK = /\b(run (?:the |all )?(?:tests?|it|them|lint|linter|build|checks?|specs?)|tests? (?:it|this|that|them|pass\w*|fail\w*)|add (?:some |a |an |more )?(?:\w+ )?tests?|write (?:a |some )?tests?|(?:unit|integration|e2e|regression) tests?|verify|validate|make sure|confirm|double[- ]check|check (?:the|that|if|whether|again|it|your)|try (?:it|running)|reproduce|repro\b|lint|compile|build (?:it|passes)|(?:are|do) (?:all )?(?:the )?tests? pass\w*|smoke[- ]test|manually test|test (?:repo|run|suite))\b/i;
/** Puts the work in an order. */
export const ORDERING = /\b(first|before (?:we|you|i|that|this|doing|committing|pushing|merging|implementing|writing|making|changing)|(?:and )?then (?:we|you|run|commit|push|do|add|implement)|after (?:that|this|we|you|it)|once (?:that|this|we|you|it)|until|step by step|one (?:at a time|by one)|at each step|as we go|wait (?:for|until)|in (?:that|this) order|separately|for now)\b/i;

/** Ships: commit, push, merge, release. */
export const SHIP_ASK = /\b(commit|push|merge|ship|release|deploy|publish|go public|open (?:a )?pr|create (?:a )?pr)\b/i;
/** Test commands and test-ish words (in command lines). */
export const TESTISH = /\b(test|tests|pytest|vitest|jest|mocha|go test|cargo test|npm (?:run )?test|spec|check|tsc|lint)\b/i;
