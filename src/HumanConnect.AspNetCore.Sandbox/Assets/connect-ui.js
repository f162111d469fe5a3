/*
 * Human API sandbox: the hosted Connect page's script.
 *
 * Reads Human API's legacy query parameters (clientUserId, publicToken, clientId, lang, sessionToken, modal, mode),
 * asks the sandbox for a Connect session, and lets the user connect or disconnect the demo sources. It talks to
 * the host page ONLY through window.parent.postMessage of JSON strings, exactly as Human API's hosted page does,
 * so that Human API's own connect.js could drive it unchanged.
 *
 * A static file on purpose: the page needs no inline script or style and runs under a strict CSP.
 */
(function () {
  'use strict';

  var dialog = document.querySelector('[role="dialog"]');
  var api = dialog.getAttribute('data-api');
  var params = new URLSearchParams(window.location.search);
  var statusText = document.getElementById('hc-status');
  var list = document.getElementById('hc-sources');
  var errorBox = document.getElementById('hc-error');
  var doneButton = document.getElementById('hc-done');
  var closeButton = document.getElementById('hc-close');
  var session = null;
  var ended = false;

  document.documentElement.lang = params.get('lang') || 'en';
  if (params.get('modal') === '1') { document.body.classList.add('hc-modal'); }
  if (params.get('mode')) { dialog.setAttribute('data-mode', params.get('mode')); }

  // The parent's origin cannot be known from inside a cross-origin frame, so like Human API's page this posts to
  // '*'. Nothing sent is usable without the app's client secret, and the server binds the result to its user.
  function post(message) {
    if (window.parent && window.parent !== window) {
      window.parent.postMessage(JSON.stringify(message), '*');
    }
  }

  // Resolves with the answer only when it has the shape the caller needs (isValid); a 2xx whose body does not parse
  // or lacks a field is "unavailable", like a network failure, so render() never meets half an answer.
  async function call(path, body, isValid) {
    var response;
    try {
      response = await fetch(api + path, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(body),
        credentials: 'same-origin',
        cache: 'no-store'
      });
    } catch (e) {
      throw unavailable('the sandbox could not be reached');
    }
    var json = null;
    try { json = await response.json(); } catch (e) { json = null; }
    if (!response.ok) {
      throw json && typeof json === 'object' && typeof json.code === 'string' ? json : unavailable('the sandbox answered ' + response.status);
    }
    if (!json || typeof json !== 'object' || !isValid(json)) {
      throw unavailable('the sandbox answered ' + response.status + ' with an unreadable body');
    }
    return json;
  }

  function isSessionView(json) {
    return typeof json.sessionToken === 'string' && Array.isArray(json.sources) &&
      json.sources.every(function (source) { return source && typeof source.name === 'string'; });
  }

  function isDoneAnswer(json) {
    return typeof json.finished === 'boolean' && (!json.finished || (json.token !== null && typeof json.token === 'object'));
  }

  function unavailable(why) {
    return { code: 'CONNECT_UNAVAILABLE', message: 'Connect Unavailable', detailedMessage: 'Human Connect could not load: ' + why + '.' };
  }

  function text(value, fallback) {
    return typeof value === 'string' && value !== '' ? value : fallback;
  }

  // Whatever was thrown (a legacy error missing fields, or anything else), the page and error(err) get all three
  // fields as strings: never "undefined" on screen.
  function showError(error) {
    var source = error && typeof error === 'object' ? error : {};
    var code = text(source.code, 'CONNECT_UNAVAILABLE');
    var message = text(source.message, 'Connect Unavailable');
    var detailedMessage = text(source.detailedMessage, '');
    list.hidden = true;
    doneButton.hidden = true;
    statusText.textContent = 'Human Connect could not continue.';
    errorBox.textContent = detailedMessage ? message + ': ' + detailedMessage : message;
    errorBox.hidden = false;
    post({ type: 'hapi-connect-error', error: { code: code, message: message, detailedMessage: detailedMessage } });
  }

  function render(focusSource) {
    statusText.textContent = session.mode === 'edit'
      ? 'These are your data sources. Connect more, or disconnect any.'
      : 'Choose a data source to connect.';
    var focusTarget = SandboxSourceList.render(list, session.sources, focusSource);
    doneButton.hidden = false;
    if (focusTarget) { focusTarget.focus(); }
  }

  function setBusy(busy) {
    list.querySelectorAll('button').forEach(function (button) { button.disabled = busy; });
    doneButton.disabled = busy;
  }

  async function open() {
    try {
      session = await call('/open', {
        clientId: params.get('clientId'),
        clientUserId: params.get('clientUserId'),
        publicToken: params.get('publicToken'),
        // Human API's legacy script sends "&sessionToken= " + token: the space is not part of the token.
        sessionToken: (params.get('sessionToken') || '').trim() || null
      }, isSessionView);
    } catch (error) {
      showError(error);
      return;
    }
    render(null);
    post({ type: 'hapi-connect-open', token: { sessionToken: session.sessionToken } });
  }

  list.addEventListener('click', async function (event) {
    var button = event.target.closest('button[data-source]');
    if (!button || !session || ended) { return; }
    var source = button.getAttribute('data-source');
    setBusy(true);
    try {
      session = await call('/source', {
        sessionToken: session.sessionToken,
        source: source,
        connected: button.getAttribute('data-connected') !== 'true'
      }, isSessionView);
      render(source);
    } catch (error) {
      showError(error);
    } finally {
      setBusy(false);
    }
  });

  // "Done" after a change hands finish() a session token; without a change there is nothing to exchange, so it
  // behaves like Close (Human API's close(): "closed the popup without connecting any data sources").
  doneButton.addEventListener('click', async function () {
    if (!session || ended) { return; }
    setBusy(true);
    try {
      var answer = await call('/done', { sessionToken: session.sessionToken }, isDoneAnswer);
      ended = true;
      if (answer.finished) {
        statusText.textContent = 'Connected. You can return to the app.';
        post({ type: 'hapi-connect-finish', token: answer.token });
      } else {
        post({ type: 'hapi-connect-close' });
      }
    } catch (error) {
      showError(error);
    } finally {
      setBusy(false);
    }
  });

  closeButton.addEventListener('click', function () {
    post({ type: 'hapi-connect-close' });
  });

  document.addEventListener('keydown', function (event) {
    if (event.key === 'Escape') { post({ type: 'hapi-connect-close' }); }
  });

  open();
})();
