/*
 * Human API sandbox: the hosted v2 Connect page's script (Connect v2, humanapi-connect-client's iframe).
 *
 * Reads ?token= (a session or id token) and ?mode= (auth or select), asks the sandbox for the user's sources with
 * that token, and lets the user connect or disconnect the demo sources. It talks to the host page ONLY through
 * window.parent.postMessage of message OBJECTS, as Human API's v2 page does:
 *   { type: 'hapi-connect-connect-source' | 'hapi-connect-disconnect-source', sessionResults, currentConnections,
 *     requestedProviders }
 *   { type: 'hapi-connect-close', status: 'SUCCESS' | 'SESSION_TOKEN_INVALID' | 'SESSION_TOKEN_EXPIRED' |
 *     'MISSING_SESSION_TOKEN', sessionResults, currentConnections, requestedProviders }
 * In the sandbox, mode=select behaves as auth (the sources connect); the mode is only shown.
 *
 * A static file on purpose: the page needs no inline script or style and runs under a strict CSP.
 */
(function () {
  'use strict';

  var TOKEN_STATUSES = ['MISSING_SESSION_TOKEN', 'SESSION_TOKEN_INVALID', 'SESSION_TOKEN_EXPIRED'];
  var dialog = document.querySelector('[role="dialog"]');
  var api = dialog.getAttribute('data-api');
  var params = new URLSearchParams(window.location.search);
  var token = params.get('token') || '';
  var mode = params.get('mode') === 'select' ? 'select' : 'auth';
  var statusText = document.getElementById('hc-status');
  var list = document.getElementById('hc-sources');
  var errorBox = document.getElementById('hc-error');
  var closeButton = document.getElementById('hc-close');
  var view = null;
  var closeStatus = 'SUCCESS';
  var closed = false;

  dialog.setAttribute('data-mode', mode);

  // The parent's origin cannot be known from inside a cross-origin frame, so like Human API's page this posts to
  // '*'. The messages name sources, nothing secret, and the app confirms every change with Human API (its server).
  function post(message) {
    if (window.parent && window.parent !== window) {
      window.parent.postMessage(message, '*');
    }
  }

  function results() {
    return view ? view.sessionResults : { connectedSources: [], disconnectedSources: [], requestedSources: [] };
  }

  function message(type) {
    return {
      type: type,
      sessionResults: results(),
      currentConnections: view ? view.currentConnections : [],
      requestedProviders: []
    };
  }

  // Resolves with the view only when it has the shape render() needs; anything else is thrown as
  // { error, message }, with error one of TOKEN_STATUSES when the sandbox refused the token.
  async function call(path, body) {
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
      throw { error: 'CONNECT_UNAVAILABLE', message: 'The sandbox could not be reached.' };
    }
    var json = null;
    try { json = await response.json(); } catch (e) { json = null; }
    if (!response.ok) {
      throw json && typeof json.error === 'string'
        ? { error: json.error, message: typeof json.message === 'string' ? json.message : json.error }
        : { error: 'CONNECT_UNAVAILABLE', message: 'The sandbox answered ' + response.status + '.' };
    }
    if (!isView(json)) {
      throw { error: 'CONNECT_UNAVAILABLE', message: 'The sandbox answered ' + response.status + ' with an unreadable body.' };
    }
    return json;
  }

  function isView(json) {
    return !!json && typeof json === 'object' && Array.isArray(json.sources) && Array.isArray(json.currentConnections) &&
      !!json.sessionResults && Array.isArray(json.sessionResults.connectedSources) &&
      Array.isArray(json.sessionResults.disconnectedSources) && Array.isArray(json.sessionResults.requestedSources) &&
      json.sources.every(function (source) { return source && typeof source.name === 'string' && typeof source.id === 'string'; });
  }

  function showError(failure) {
    if (TOKEN_STATUSES.indexOf(failure.error) >= 0) {
      // Closing now reports why Connect could not start.
      closeStatus = failure.error;
    } else {
      closeStatus = null;
    }
    list.hidden = true;
    statusText.textContent = 'Human Connect could not continue.';
    errorBox.textContent = failure.message;
    errorBox.setAttribute('data-error', failure.error);
    errorBox.hidden = false;
    closeButton.focus();
  }

  function render(focusSource) {
    statusText.textContent = view.tokenType === 'id'
      ? 'These are your data sources. Connect more, or disconnect any.'
      : 'Choose a data source to connect.';
    var focusTarget = SandboxSourceList.render(list, view.sources, focusSource);
    if (focusTarget) { focusTarget.focus(); }
  }

  function setBusy(busy) {
    list.querySelectorAll('button').forEach(function (button) { button.disabled = busy; });
  }

  function close() {
    if (closed) { return; }
    closed = true;
    var done = message('hapi-connect-close');
    if (closeStatus) { done.status = closeStatus; }
    post(done);
  }

  async function open() {
    if (!token) {
      showError({ error: 'MISSING_SESSION_TOKEN', message: 'Connect was opened without a token.' });
      return;
    }
    try {
      view = await call('/session', { token: token });
    } catch (failure) {
      showError(failure);
      return;
    }
    render(null);
  }

  list.addEventListener('click', async function (event) {
    var button = event.target.closest('button[data-source]');
    if (!button || !view || closed) { return; }
    var source = button.getAttribute('data-source');
    var connect = button.getAttribute('data-connected') !== 'true';
    setBusy(true);
    try {
      view = await call('/source', { token: token, source: source, connected: connect });
      render(source);
      post(message(connect ? 'hapi-connect-connect-source' : 'hapi-connect-disconnect-source'));
    } catch (failure) {
      showError(failure);
    } finally {
      setBusy(false);
    }
  });

  closeButton.addEventListener('click', close);
  document.addEventListener('keydown', function (event) {
    if (event.key === 'Escape') { close(); }
  });

  open();
})();
