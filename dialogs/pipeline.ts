import { TurnContext, type Activity } from 'botbuilder';
import { countryFromLocale, countryMention } from '../knowledge/helplines';
import { foldText, searchForm } from '../knowledge/normalise';
import { detectDisclosure } from '../knowledge/safety';
import type { Candidate } from '../knowledge/search';
import type { KnowledgeSnapshot, KnowledgeStore } from '../knowledge/store';
import { answerFor, bandOf, DEFAULT_AUDIENCE, labelOf, type Audience, type Entry, type KnowledgeBase } from '../knowledge/types';
import { recognizeCommand, type Command } from './commands';
import type { InsightRecorder, MissReason } from './insights';
import type { BotReply, Suggestion, SuggestionAction, TurnOutcome } from './reply';
import { isSharedConversation, type BotStateAccessors, type ConversationData, type FlowProgress, type UserProfile } from './state';
import { safetyAnswer } from './safetyAnswer';
import { personalDataFinderFor, type PersonalDataFinding, type PersonalDataKind } from './personalData';
import { bareAge, whoIsAsking } from './whoIsAsking';
import { AUDIENCE_NAMES, entrySuggestions, noneOfTheseSuggestion, topicSuggestions, wording } from './wording';

export interface PipelineOptions {
  store: KnowledgeStore;
  state: BotStateAccessors;
  /** Where turn outcomes, votes and unanswered questions go, for the organisers. */
  insights: InsightRecorder;
  maxMessageLength: number;
}

/** What a turn comes to: a reply, or a guided flow to start (or resume) with an optional lead-in. */
export type TurnAction = { kind: 'reply'; reply: BotReply } | { kind: 'flow'; progress: FlowProgress; lead: string };

/** What one turn works with: the message, who sent it, and the knowledge base of this turn. */
interface Turn {
  context: TurnContext;
  /** The message with personal data and its placeholders taken out: what the search and the commands read. */
  text: string;
  /**
   * The message as written, read only by the safety check (a redacted word must never hide a disclosure) and
   * never kept. `stored` is what may be kept: personal data replaced by placeholders, `[name]`, `[phone]`, …
   */
  said: string;
  stored: string;
  profile: UserProfile;
  conversation: ConversationData;
  knowledge: KnowledgeSnapshot;
  /** The user has just left a guided flow with this message: offer to continue it. */
  leftFlow: boolean;
}

const outcome = (kind: TurnOutcome['kind'], entryId: string | null = null, confidence: number | null = null): TurnOutcome => ({ kind, entryId, confidence, pii: false });
const reply = (messages: string[], suggestions: Suggestion[], result: TurnOutcome = outcome('answer')): TurnAction => ({ kind: 'reply', reply: { messages, suggestions, outcome: result } });
/** A message is a question (to answer too) rather than only a statement of who someone is. */
const QUESTION = /\?|\b(what|how|when|where|who|why|which|can|could|is|are|do|does|should|tell me|explain)\b/;
const THUMBS = new Map([['👍', true], ['👎', false]]);

/**
 * The one pipeline every user message goes through (see DESIGN.md): normalise, safety, privacy, commands
 * (with what people say about who they are), match. It returns a channel-neutral reply, or a guided flow for
 * the dialogs to run; the bot renders replies for the channel.
 */
export class ConversationPipeline {
  constructor(private readonly options: PipelineOptions) {}

  /**
   * The greeting for someone who has just joined: what the bot is, and "Who are you?" (never blocking).
   * Someone the bot already knows (the same browser after a reload, say) is welcomed back with their own topics.
   */
  async welcome(context: TurnContext): Promise<BotReply> {
    const knowledge = this.options.store.snapshot();
    if (!knowledge) return { messages: [wording.welcome], suggestions: [], outcome: outcome('answer') };
    const profile = await this.options.state.getProfile(context);
    // Where several people talk, the welcome is for everyone, not for whoever added the bot.
    if (!profile.audience || isSharedConversation(context.activity)) return { messages: [wording.welcome, wording.whoAreYou], suggestions: audienceChoices(knowledge.kb), outcome: outcome('answer') };
    const turn: Turn = { context, text: '', said: '', stored: '', profile, conversation: await this.options.state.getConversation(context), knowledge, leftFlow: false };
    const suggestions = uniqueByTitle([...this.bandSuggestions(turn), ...this.menuSuggestions(turn)]);
    return { messages: [wording.welcomeBack(AUDIENCE_NAMES[profile.audience])], suggestions, outcome: outcome('answer') };
  }

  /** Remembers what a reply offered, so a typed number or label picks it next turn. */
  async remember(context: TurnContext, sent: BotReply): Promise<void> {
    const conversation = await this.options.state.getConversation(context);
    conversation.lastSuggestions = sent.suggestions;
  }

  /** Decides what to do with the user's message. `leftFlow`: the message just took the user out of a guided flow. */
  async decide(context: TurnContext, leftFlow = false): Promise<TurnAction> {
    // Step 1: normalise.
    const text = textWithoutMentions(context.activity);
    if (!text) return reply([wording.notText], [], outcome('fallback'));
    if (text.length > this.options.maxMessageLength) return reply([wording.tooLong(this.options.maxMessageLength)], [], outcome('fallback'));
    const knowledge = this.options.store.snapshot();
    if (!knowledge) return reply([wording.notReady], [], outcome('fallback'));

    // Personal data is found first and replaced by [phone], [email], [name]… so that nothing after this line
    // but the safety check, and nothing kept, sees it; its note comes with the reply (step 3 below).
    const personal = personalDataFinderFor(knowledge.kb).find(text);
    const turn: Turn = {
      context,
      // The placeholders themselves are not part of the question.
      text: personal ? personal.redacted.replace(PLACEHOLDERS, ' ').replace(/\s+/g, ' ').replace(/^[\s,.;:!-]+/, '').trim() : text,
      said: text,
      stored: personal?.redacted ?? text,
      profile: await this.options.state.getProfile(context),
      conversation: await this.options.state.getConversation(context),
      knowledge,
      leftFlow,
    };
    // Step 2: safety first. A message that discloses danger, abuse or distress gets the safety answer, whatever
    // else it matches; the answer to "Which country are you in?" completes it.
    const safety = this.safety(turn);
    if (safety) return withPersonalDataNote(safety, personal, 'after');
    // Step 3: privacy. A kind note on personal data; the rest of the message is still answered.
    if (personal && !MEANINGFUL.test(turn.text)) {
      return withPersonalDataNote(reply([], this.menuSuggestions(turn)), personal, 'before');
    }
    return withPersonalDataNote(await this.afterPrivacy(turn), personal, 'before');
  }

  /** Steps 4 and 5: commands (with what people say about who they are), then the match. */
  private async afterPrivacy(turn: Turn): Promise<TurnAction> {
    const { knowledge, text } = turn;
    const picked = pickSuggestion(turn);

    // Step 4: commands: a button last offered, a vote, an audience or flow named, a command phrase.
    if (picked?.entryId) {
      const entry = knowledge.kb.byId.get(picked.entryId);
      if (entry) return this.answer(turn, entry, 1);
    }
    const action = picked?.action ?? this.recognizeAction(turn);
    if (action) return this.runAction(action, turn);
    const command = recognizeCommand(picked?.value ?? text);
    if (command) return this.runCommand(command, turn);

    // What people say about who they are, at any point: "I'm a teacher", "I'm eleven", "my daughter is 9"; and
    // a bare "11" right after the bot asked a child's age.
    const askedAge = turn.conversation.askedAge === true;
    turn.conversation.askedAge = undefined;
    const age = askedAge ? bareAge(text) : undefined;
    const said = age === undefined ? whoIsAsking(text, knowledge.kb.audiences) : { audience: 'children' as const, age };
    if (said.audience || said.age !== undefined || said.childAge !== undefined) {
      const known = turn.profile.audience;
      const label = this.learn(turn, said.audience ?? known ?? DEFAULT_AUDIENCE, said.age, said.childAge);
      if (!QUESTION.test(foldText(text))) {
        // Someone already known (a child giving their age) gets the menu; a newcomer or a switch, the greeting.
        return known === turn.profile.audience ? reply([wording.noted(label)], uniqueByTitle([...this.bandSuggestions(turn), ...this.menuSuggestions(turn)])) : this.greet(turn, [wording.noted(label)]);
      }
      const answered = this.match(turn);
      if (answered.kind === 'reply') answered.reply.messages.unshift(wording.noted(label));
      return answered;
    }

    // Step 5: match against the knowledge base.
    return this.match(turn);
  }

  private safety(turn: Turn): TurnAction | undefined {
    const { kb } = turn.knowledge;
    const { lexicon, helplines, answers } = kb.safety;
    const pending = turn.conversation.safetyPending;
    turn.conversation.safetyPending = undefined;
    const finding = detectDisclosure(turn.said, lexicon);
    const mention = countryMention(helplines, turn.text, { bare: pending !== undefined || finding !== undefined });
    const named = mention?.country;
    if (named) turn.profile.country = named.id;
    const audience = turn.profile.audience ?? DEFAULT_AUDIENCE;
    if (!finding) {
      if (!mention || !named || (pending === undefined && !mention.stated)) return undefined;
      // "I'm in Canada" is noted; "I'm in Canada, what is grooming?" is noted and answered.
      if (pending === undefined) {
        if (!QUESTION.test(mention.rest)) return reply([wording.countryKept(named.name)], this.menuSuggestions(turn));
        turn.text = mention.rest;
        return undefined;
      }
      // The answer to "Which country are you in?": who can help there.
      const [, , helpers] = safetyAnswer(answers, helplines, pending, audience, named);
      return reply([wording.countryNoted(named.name), helpers.slice(helpers.indexOf('\n') + 1), wording.keepTalking], [], outcome('safety', `safety.${pending}`));
    }
    const country = this.country(turn);
    const messages = safetyAnswer(answers, helplines, finding.category, audience, country);
    if (!country && !turn.profile.askedCountry) {
      turn.profile.askedCountry = true;
      turn.conversation.safetyPending = finding.category;
      messages.push(wording.whichCountry);
    } else {
      messages.push(wording.keepTalking);
    }
    return reply(messages, [], outcome('safety', `safety.${finding.category}`, finding.score));
  }

  /** The user's country: said before, or from the locale of the activity (remembered). */
  private country(turn: Turn) {
    const { helplines } = turn.knowledge.kb.safety;
    const known = helplines.countries.find((c) => c.id === turn.profile.country);
    if (known) return known;
    const fromLocale = countryFromLocale(helplines, turn.context.activity.locale);
    if (fromLocale) turn.profile.country = fromLocale.id;
    return fromLocale;
  }

  /** Typed (not clicked) names of things the bot offers: an audience button's label, a flow's title, 👍 / 👎. */
  private recognizeAction(turn: Turn): SuggestionAction | undefined {
    const { kb } = turn.knowledge;
    const vote = THUMBS.get(turn.text);
    if (vote !== undefined) return { kind: 'feedback', helpful: vote };
    const folded = foldText(turn.text);
    const choice = kb.audiences.choices.find((c) => foldText(c.label) === folded);
    if (choice && recognizeCommand(turn.text) === undefined) return { kind: 'audience', audience: choice.audience };
    const flow = [...kb.flows.values()].find((f) => foldText(f.title) === folded);
    return flow ? { kind: 'flow', flowId: flow.id } : undefined;
  }

  private async runAction(action: SuggestionAction, turn: Turn): Promise<TurnAction> {
    const { kb } = turn.knowledge;
    switch (action.kind) {
      case 'audience':
        this.learn(turn, action.audience);
        return this.greet(turn, []);
      case 'ageBand':
        turn.profile.ageBand = action.band;
        return reply([wording.noted(AUDIENCE_NAMES[turn.profile.audience ?? DEFAULT_AUDIENCE])], uniqueByTitle([...this.bandSuggestions(turn), ...this.menuSuggestions(turn)]));
      case 'flow':
        return { kind: 'flow', progress: { flowId: action.flowId, step: 0, picks: {} }, lead: kb.flows.get(action.flowId)?.intro ?? '' };
      case 'resumeFlow':
        return this.runCommand('resumeFlow', turn);
      case 'chooseAudience':
        return this.runCommand('changeAudience', turn);
      case 'feedback':
        return this.vote(turn, action.helpful);
    }
  }

  private async runCommand(command: Command, turn: Turn): Promise<TurnAction> {
    const { kb } = turn.knowledge;
    const flow = turn.conversation.flow && kb.flows.get(turn.conversation.flow.flowId);
    switch (command) {
      case 'help':
        return reply([wording.help], [...this.flowSuggestions(turn, kb.audiences.profiles[turn.profile.audience ?? DEFAULT_AUDIENCE].flow), ...topicSuggestions(kb)]);
      case 'menu':
        return reply([wording.menu], this.menuSuggestions(turn));
      case 'startOver':
        await this.options.state.conversation.delete(turn.context);
        return reply([wording.startOver], entrySuggestions(kb, kb.examples));
      case 'cancel':
        if (!flow) return reply([wording.nothingToStop], this.menuSuggestions(turn));
        return reply([wording.flowStopped(flow.title)], this.menuSuggestions(turn));
      case 'changeAudience':
        return reply([wording.chooseAudience], audienceChoices(kb));
      case 'resumeFlow':
        if (!turn.conversation.flow || !flow) return reply([wording.nothingToResume], this.menuSuggestions(turn));
        return { kind: 'flow', progress: turn.conversation.flow, lead: wording.flowResumed(flow.title) };
      case 'noneOfThese':
        this.recordMiss(turn, 'none-of-these');
        return this.miss(turn, wording.rephrase, outcome('fallback'));
    }
  }

  /** Remembers who the user is (audience, and a child's or their child's age band); returns how the bot names them. */
  private learn(turn: Turn, audience: Audience, age?: number, childAge?: number): string {
    const { profile } = turn;
    const { audiences } = turn.knowledge.kb;
    profile.audience = audience;
    if (age !== undefined) profile.age = age;
    if (childAge !== undefined) profile.childAge = childAge;
    const band = bandOf(audiences, audience === 'children' ? profile.age : profile.childAge);
    if (band) profile.ageBand = band.id;
    return AUDIENCE_NAMES[audience];
  }

  /** The audience's greeting, its guided flow and its topics; a child is asked their age unless it is known. */
  private greet(turn: Turn, lead: string[]): TurnAction {
    const { kb } = turn.knowledge;
    const audience = turn.profile.audience ?? DEFAULT_AUDIENCE;
    const greeting = kb.audiences.profiles[audience].greeting;
    if (audience === 'children' && !turn.profile.ageBand) {
      const bands: Suggestion[] = kb.audiences.ageBands.map((band) => ({ title: band.label, value: band.label, action: { kind: 'ageBand', band: band.id } }));
      turn.conversation.askedAge = true;
      return reply([...lead, greeting, wording.askAge], bands);
    }
    return reply([...lead, greeting], this.menuSuggestions(turn));
  }

  /** The resource made for the user's age band (or their child's), as a button. */
  private bandSuggestions(turn: Turn): Suggestion[] {
    const { kb } = turn.knowledge;
    const band = kb.audiences.ageBands.find((b) => b.id === turn.profile.ageBand);
    return band ? entrySuggestions(kb, [band.resource]) : [];
  }

  /** The audience's guided flow (or, if one was left, a button to continue it) and its topic menu. */
  private menuSuggestions(turn: Turn): Suggestion[] {
    const { kb } = turn.knowledge;
    const profile = kb.audiences.profiles[turn.profile.audience ?? DEFAULT_AUDIENCE];
    return [...this.flowSuggestions(turn, profile.flow), ...entrySuggestions(kb, profile.menu)];
  }

  private flowSuggestions(turn: Turn, offered: string | undefined): Suggestion[] {
    const { kb } = turn.knowledge;
    const paused = turn.conversation.flow && kb.flows.get(turn.conversation.flow.flowId);
    // A flow left behind is offered again, unless the user has since said they are someone it is not for.
    if (paused && (offered === undefined || paused.audience === (turn.profile.audience ?? DEFAULT_AUDIENCE))) {
      return [
        { title: wording.resumeFlow(paused.title), value: wording.resumeFlow(paused.title), action: { kind: 'resumeFlow' } },
        { title: wording.restartFlow(paused.title), value: wording.restartFlow(paused.title), action: { kind: 'flow', flowId: paused.id } },
      ];
    }
    const flow = offered === undefined ? undefined : kb.flows.get(offered);
    return flow ? [{ title: flow.title, value: flow.title, action: { kind: 'flow', flowId: flow.id } }] : [];
  }

  private async vote(turn: Turn, helpful: boolean): Promise<TurnAction> {
    const entryId = turn.conversation.lastAnswerId;
    if (!entryId) return reply([wording.noVote], this.menuSuggestions(turn));
    this.options.insights.recordVote({ at: new Date(), entryId, helpful, audience: turn.profile.audience ?? DEFAULT_AUDIENCE, channel: turn.context.activity.channelId });
    // The question that got the unhelpful answer goes to the organisers' inbox.
    if (!helpful) this.recordMiss(turn, 'thumbs-down', entryId);
    turn.conversation.lastAnswerId = undefined;
    return helpful ? reply([wording.helpful], []) : reply([wording.notHelpful], this.menuSuggestions(turn));
  }

  /** Two-stage fallback: the first miss asks to rephrase, the second in a row shows the topics. */
  private miss(turn: Turn, firstMessage: string, result: TurnOutcome): TurnAction {
    const misses = (turn.conversation.misses ?? 0) + 1;
    turn.conversation.misses = misses;
    if (misses >= 2) {
      turn.conversation.misses = 0;
      return reply([wording.secondMiss], this.menuSuggestions(turn), result);
    }
    return reply([firstMessage], this.flowSuggestions(turn, undefined), result);
  }

  private match(turn: Turn): TurnAction {
    const { search, kb } = turn.knowledge;
    const result = search.search(turn.text, turn.profile.audience);
    const [top] = result.candidates;
    // Kept (redacted) until the next question, in case the user says "None of these" or 👎 to what it got.
    turn.conversation.lastQuestion = {
      question: turn.stored,
      normalised: searchForm(turn.text, kb.lexicon),
      candidates: result.candidates.slice(0, 3).map((c) => ({ entryId: c.entry.id, confidence: Math.round(c.confidence * 1000) / 1000 })),
    };
    switch (result.outcome) {
      case 'answer':
        return this.answer(turn, top.entry, top.confidence);
      case 'clarify':
        return { kind: 'reply', reply: clarify(result.candidates) };
      case 'fallback':
        this.recordMiss(turn, 'fallback');
        return this.miss(turn, wording.fallback, outcome('fallback', null, top?.confidence ?? 0));
    }
  }

  /** The last question (redacted) goes to the organisers' inbox, with what the search offered for it. */
  private recordMiss(turn: Turn, reason: MissReason, entryId: string | null = null): void {
    const asked = turn.conversation.lastQuestion;
    if (!asked) return;
    this.options.insights.recordMiss({
      at: new Date(),
      reason,
      ...asked,
      audience: turn.profile.audience ?? DEFAULT_AUDIENCE,
      channel: turn.context.activity.channelId,
      entryId,
      userHash: this.options.insights.hashUser(turn.context.activity.from?.id ?? 'unknown'),
    });
    // Once in the inbox is enough: a second "None of these" to the same question is not a second miss.
    turn.conversation.lastQuestion = undefined;
  }

  /** Every user message's outcome, for the organisers' rates (no text, no user). */
  async recordOutcome(context: TurnContext, result: TurnOutcome): Promise<void> {
    const profile = await this.options.state.getProfile(context);
    this.options.insights.recordTurn({
      at: new Date(),
      channel: context.activity.channelId,
      audience: profile.audience ?? DEFAULT_AUDIENCE,
      kind: result.kind,
      entryId: result.entryId,
      confidence: result.confidence,
    });
  }

  /** The entry's answer for the user's audience, with follow-ups, the resource for their age band, and 👍 / 👎. */
  private answer(turn: Turn, entry: Entry, confidence: number): TurnAction {
    const { kb } = turn.knowledge;
    const audience = turn.profile.audience ?? DEFAULT_AUDIENCE;
    turn.conversation.misses = 0;
    turn.conversation.lastAnswerId = entry.id;
    const suggestions = entrySuggestions(kb, entry.followUps);
    const band = kb.audiences.ageBands.find((b) => b.id === turn.profile.ageBand);
    if (band && (audience === 'children' || audience === 'parents-educators') && TAILORED_AREAS.has(entry.area) && band.resource !== entry.id) {
      suggestions.unshift(...entrySuggestions(kb, [band.resource]).filter((s) => !suggestions.some((o) => o.entryId === s.entryId)));
    }
    if (turn.leftFlow) suggestions.unshift(...this.flowSuggestions(turn, undefined));
    if (!turn.profile.audience) suggestions.push({ title: wording.whoAreYouButton, value: wording.whoAreYouButton, action: { kind: 'chooseAudience' } });
    if (entry.area !== 'chitchat') suggestions.push(...feedbackSuggestions);
    return reply([withReminder(kb, audience, entry, answerFor(entry, audience))], suggestions, outcome('answer', entry.id, confidence));
  }
}

/** Areas where a child's or a parent's age band points to the resource made for that age. */
const TAILORED_AREAS = new Set(['children', 'risks', 'parents-educators', 'guidelines', 'help']);

const feedbackSuggestions: Suggestion[] = [
  { title: '👍', value: '👍', action: { kind: 'feedback', helpful: true } },
  { title: '👎', value: '👎', action: { kind: 'feedback', helpful: false } },
];

/** A child's answer about a worry ends with "talk to an adult you trust", unless it says so already. */
function withReminder(kb: KnowledgeBase, audience: Audience, entry: Entry, text: string): string {
  const { trustedAdultReminder, remindInAreas } = kb.audiences;
  if (audience !== 'children' || !trustedAdultReminder || !remindInAreas.includes(entry.area)) return text;
  if (/adult (you|they) trust|trusted adult/i.test(text)) return text;
  return `${text}\n\n${trustedAdultReminder}`;
}

/** The message without Teams @mentions (`<at>Name</at>`): the bot's own, and anyone's named beside it, are no part of the question. */
function textWithoutMentions(activity: Activity): string {
  const mentions = TurnContext.getMentions(activity).flatMap((mention) => (mention.text ? [mention.text] : []));
  return mentions.reduce((text, mention) => text.split(mention).join(' '), activity.text ?? '').trim();
}

/** A placeholder, with the words that introduce it ("my email is [email]", "call me on [phone]", "I'm [name] from [place]"). */
const PLACEHOLDERS =
  /(?:\b(?:my|our|his|her)\s+(?:[\w-]+\s+){0,2}(?:is|s)\s+|\b(?:call|text|email|message|add|find|contact)\s+me\s+(?:on\s+|at\s+)?|\bI\s+(?:live|stay)\s+(?:at|on|in)\s+|\b(?:i'?m|i am|this is|it'?s|named|called|from|in|near|at|go(?:es)? to)\s+)?\[(?:phone|email|ip|handle|address|name|place|school)\](?:\s+here\b)?/gi;
/** Some words left once personal data is taken out: more than "my number is". */
const MEANINGFUL = /[a-z]{3,}.*[a-z]{3,}.*[a-z]{3,}/i;

const PERSONAL_DATA_NAMES: Record<PersonalDataKind, string> = { phone: 'phone number', email: 'e-mail address', ip: 'IP address', handle: 'social media name', address: 'address', name: "name (or anyone else's)", place: 'home town', school: "school's name" };

/** Adds the kind note about personal data to a reply (before the answer, or after a safety answer) and marks it `pii`. */
function withPersonalDataNote(action: TurnAction, personal: PersonalDataFinding | undefined, where: 'before' | 'after'): TurnAction {
  if (!personal || action.kind !== 'reply') return action;
  const what = personal.kinds.map((kind) => PERSONAL_DATA_NAMES[kind]);
  const note = wording.personalData(what.length > 1 ? `${what.slice(0, -1).join(', ')} or ${what.at(-1)}` : what[0]);
  const { messages } = action.reply;
  return { kind: 'reply', reply: { ...action.reply, messages: where === 'before' ? [note, ...messages] : [...messages, note], outcome: { ...action.reply.outcome, pii: true } } };
}

function uniqueByTitle(suggestions: Suggestion[]): Suggestion[] {
  return suggestions.filter((suggestion, i) => suggestions.findIndex((other) => other.title === suggestion.title) === i);
}

function audienceChoices(kb: KnowledgeBase): Suggestion[] {
  return kb.audiences.choices.map((choice) => ({ title: choice.label, value: choice.label, action: { kind: 'audience', audience: choice.audience } }));
}

function clarify(candidates: Candidate[]): BotReply {
  const options: Suggestion[] = candidates.map(({ entry }) => ({ title: labelOf(entry), value: entry.questions[0], entryId: entry.id }));
  const message = options.length === 1 ? wording.clarifyOne(options[0].title) : wording.clarifyMany;
  return { messages: [message], suggestions: [...options, noneOfTheseSuggestion], outcome: outcome('clarify', null, candidates[0].confidence) };
}

/** A button last offered, picked by its number ("2"), its label or its value. */
function pickSuggestion(turn: Turn): Suggestion | undefined {
  const offered = turn.conversation.lastSuggestions ?? [];
  if (offered.length === 0) return undefined;
  if (/^\d{1,2}$/.test(turn.text)) return offered[Number(turn.text) - 1];
  const folded = foldText(turn.text);
  if (!folded) return offered.find((s) => s.title === turn.text || s.value === turn.text);
  return offered.find((s) => foldText(s.title) === folded || foldText(s.value) === folded);
}
