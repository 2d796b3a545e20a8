/*
 * COP Guide Bot: starts Web Chat in the page, talking to the bot that served this script.
 *
 * Used by the bot's own page and by other sites that embed the chat:
 *   <script src="https://BOT/webchat/webchat.js"></script>
 *   <script src="https://BOT/webchat/chat.js" data-target="ELEMENT-ID"></script>
 *
 * With the default transport ("chat") the page talks to POST /api/chat on the bot through a small object
 * shaped like DirectLineJS (activity$, connectionStatus$, postActivity, end), which is what Web Chat
 * accepts as `directLine`. With "directline" it asks the bot for a Direct Line token and uses Azure.
 */
(function () {
  'use strict';

  const script = document.currentScript;
  const botOrigin = new URL(script.src).origin;
  const target = document.getElementById(script.dataset.target || 'cop-guide-bot');
  const nonce = script.dataset.nonce || undefined;
  const STORAGE_PREFIX = 'cop-guide-bot:';

  // Web Chat's ConnectionStatus values.
  const CONNECTING = 1;
  const ONLINE = 2;
  const ENDED = 5;

  /** Browser storage if it may be used (private modes and some frames refuse it), else memory for this page. */
  function storage(kind) {
    try {
      const store = window[kind];
      store.setItem(STORAGE_PREFIX + 'probe', '1');
      store.removeItem(STORAGE_PREFIX + 'probe');
      return store;
    } catch {
      const memory = new Map();
      return { getItem: (key) => memory.get(key) ?? null, setItem: (key, value) => memory.set(key, value) };
    }
  }

  function randomId() {
    const bytes = crypto.getRandomValues(new Uint8Array(16));
    return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
  }

  /** An id kept in storage: the user's for as long as this browser keeps it, the conversation's for this tab. */
  function keptId(store, name) {
    let id = store.getItem(STORAGE_PREFIX + name);
    if (!id) {
      id = randomId();
      store.setItem(STORAGE_PREFIX + name, id);
    }
    return id;
  }

  /** The little part of RxJS Web Chat needs: a stream that others subscribe to, optionally replaying its last value. */
  function createStream(replayLast) {
    const observers = new Set();
    let last;
    let hasLast = false;
    return {
      next(value) {
        if (replayLast) {
          last = value;
          hasLast = true;
        }
        observers.forEach((observer) => observer.next?.(value));
      },
      complete() {
        observers.forEach((observer) => observer.complete?.());
        observers.clear();
      },
      observable: {
        subscribe(observerOrNext, error, complete) {
          const observer = typeof observerOrNext === 'function' ? { next: observerOrNext, error, complete } : observerOrNext || {};
          observers.add(observer);
          if (hasLast) observer.next?.(last);
          return {
            unsubscribe() {
              observers.delete(observer);
            },
          };
        },
      },
    };
  }

  /** An observable that runs `work` once it is subscribed to, and emits its one result (or its error). */
  function fromPromise(work) {
    return {
      subscribe(observerOrNext, error, complete) {
        const observer = typeof observerOrNext === 'function' ? { next: observerOrNext, error, complete } : observerOrNext || {};
        let closed = false;
        work().then(
          (value) => {
            if (closed) return;
            observer.next?.(value);
            observer.complete?.();
          },
          (reason) => {
            if (!closed) observer.error?.(reason);
          },
        );
        return {
          unsubscribe() {
            closed = true;
          },
        };
      },
    };
  }

  /** Why the bot could not take a message, in words for the person typing. */
  function failureText(status, body) {
    if (status === 429) return "You're sending messages very quickly. Please wait a moment, then try again.";
    if (status === 400 && body && body.error) return "I couldn't read that message: " + body.error + '.';
    return "I couldn't reach the bot just now. Please check your connection and try again.";
  }

  /** A Direct Line look-alike over POST /api/chat: every reply comes back in the response to the post. */
  function createChatConnection(userId, conversationId) {
    const activities = createStream(false);
    const status = createStream(true);
    let sequence = 0;
    let lastTime = 0;
    // Strictly increasing timestamps keep Web Chat's order: each echo before its replies.
    const nextTimestamp = () => {
      lastTime = Math.max(Date.now(), lastTime + 1);
      return new Date(lastTime).toISOString();
    };
    const nextId = () => conversationId + '-' + ++sequence;
    const botNotice = (text) => ({ type: 'message', id: nextId(), timestamp: nextTimestamp(), from: { id: 'cop-guide-bot', role: 'bot' }, text });

    async function post(activity) {
      const body = { type: activity.type, name: activity.name, text: activity.text, locale: activity.locale, from: { id: userId }, conversation: { id: conversationId } };
      let response;
      try {
        response = await fetch(botOrigin + '/api/chat', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
      } catch {
        response = undefined;
      }
      const answer = response && (await response.json().catch(() => undefined));
      if (!response || !response.ok) {
        if (activity.type === 'message') activities.next(botNotice(failureText(response && response.status, answer)));
        throw new Error('The bot did not take the message (' + (response ? response.status : 'no connection') + ')');
      }
      const id = nextId();
      activities.next({ ...activity, id, timestamp: nextTimestamp(), from: { ...activity.from, id: userId, role: 'user' }, conversation: { id: conversationId } });
      for (const reply of (answer && answer.activities) || []) {
        activities.next({ ...reply, id: nextId(), timestamp: nextTimestamp(), replyToId: id, from: { ...reply.from, role: 'bot' } });
      }
      return id;
    }

    status.next(CONNECTING);
    // Online once Web Chat has had a chance to subscribe; the welcome is asked for then (see the store below).
    setTimeout(() => status.next(ONLINE), 0);
    return {
      activity$: activities.observable,
      connectionStatus$: status.observable,
      postActivity: (activity) => fromPromise(() => post(activity)),
      end() {
        status.next(ENDED);
        activities.complete();
      },
    };
  }

  async function createDirectLineConnection(userId) {
    const response = await fetch(botOrigin + '/api/directline/token', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ userId }) });
    if (!response.ok) throw new Error('no Direct Line token (' + response.status + ')');
    const token = await response.json();
    return { directLine: window.WebChat.createDirectLine({ token: token.token, domain: token.domain }), userId: token.userId };
  }

  function showProblem(text) {
    target.textContent = '';
    const message = document.createElement('p');
    message.className = 'cop-status cop-error';
    message.setAttribute('role', 'alert');
    message.textContent = text;
    target.appendChild(message);
  }

  async function start() {
    if (!target) throw new Error('COP Guide Bot: no element with id "' + (script.dataset.target || 'cop-guide-bot') + '" to put the chat in');
    if (!window.WebChat) throw new Error('COP Guide Bot: load webchat.js before chat.js');
    const settings = await (await fetch(botOrigin + '/webchat/settings.json')).json();
    const userId = keptId(storage('localStorage'), 'user-id');
    const connection =
      settings.transport === 'directline' ? await createDirectLineConnection(userId) : { directLine: createChatConnection(userId, keptId(storage('sessionStorage'), 'conversation-id')), userId };

    // Web Chat sees no conversationUpdate before the first message: ask for the welcome as soon as it is connected.
    const store = window.WebChat.createStore({}, ({ dispatch }) => (next) => (action) => {
      if (action.type === 'DIRECT_LINE/CONNECT_FULFILLED') dispatch({ type: 'WEB_CHAT/SEND_EVENT', payload: { name: 'webchat/join', value: {} } });
      return next(action);
    });

    target.textContent = '';
    window.WebChat.renderWebChat(
      {
        directLine: connection.directLine,
        store,
        userID: connection.userId,
        username: 'You',
        locale: navigator.language || 'en-US',
        nonce,
        // Screen readers say "COP Guide Bot said: …" rather than Web Chat's "Bot COP said: …" (its initials).
        overrideLocalizedStrings: { ACTIVITY_BOT_SAID_ALT: settings.title + ' said:' },
        styleOptions: {
          accent: settings.accentColor,
          backgroundColor: '#ffffff',
          botAvatarImage: botOrigin + settings.avatarPath,
          botAvatarInitials: settings.avatarInitials,
          userAvatarInitials: 'You',
          hideUploadButton: true,
          // On a phone, buttons in one row that scrolls sideways leave room for the conversation.
          suggestedActionLayout: window.matchMedia('(max-width: 600px)').matches ? 'carousel' : 'flow',
          sendBoxTextWrap: true,
          bubbleBorderRadius: 10,
          bubbleFromUserBorderRadius: 10,
          bubbleFromUserBackground: '#e8f0fa',
          primaryFont: 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif',
        },
      },
      target,
    );
  }

  start().catch((error) => {
    showProblem('Sorry, the chat could not start. Please reload the page to try again.');
    console.error(error);
  });
})();
