/*! HumanConnect.AspNetCore: opens Human API Connect from <human-connect-button> and finishes the connection on the server. */
(function () {
  'use strict';

  // Human API's script keeps the resumable Connect session here and never clears it.
  var SESSION_KEY = 'humanapiSessionToken';
  // Which signed-in user (as an opaque hash) opened Connect last in this browser.
  var OWNER_KEY = 'humanconnect:owner';
  var CONFIG_ATTRIBUTE = 'data-human-connect';
  var SIGNOUT_SELECTOR = '[data-human-connect-signout]';
  var FALLBACK_MESSAGE = 'Connecting your health data failed.';

  // One exchange per session token, even if Connect calls finish twice.
  var finishedSessionTokens = new Set();
  // Whether Connect is open on this page (from open() until close or finish). While it is, further clicks are
  // ignored: Human API's script would lay a second iframe over the first, and its close() removes only the newest,
  // leaving an orphan over the page. An error does not end it: Connect keeps its iframe up to show the error.
  var connectOpen = false;
  var alerts = new WeakMap();

  // Read now: document.currentScript is only set while this script runs.
  var script = document.currentScript;
  var pageOwner = script ? script.getAttribute('data-human-connect-owner') : null;

  function storage() {
    try {
      return window.localStorage;
    } catch (e) {
      return null; // storage disabled: there is no session to leak either
    }
  }

  /** Forgets Human API's resumable Connect session in this browser. Call it when the user signs out. */
  function clearSession() {
    var store = storage();
    if (store) {
      store.removeItem(SESSION_KEY);
      store.removeItem(OWNER_KEY);
    }
  }

  /** Drops a Connect session that someone other than `owner` ('' = nobody signed in) left behind. */
  function dropForeignSession(owner) {
    var store = storage();
    if (store && store.getItem(OWNER_KEY) !== owner) {
      clearSession();
    }
  }

  function claimSession(owner) {
    dropForeignSession(owner);
    var store = storage();
    if (store) {
      store.setItem(OWNER_KEY, owner);
    }
  }

  function emit(button, name, detail, cancelable) {
    var event = new CustomEvent('humanconnect:' + name, { bubbles: true, cancelable: !!cancelable, detail: detail });
    button.dispatchEvent(event);
    return event;
  }

  function showAlert(button, error) {
    var alert = alerts.get(button);
    if (!alert || !alert.isConnected) {
      alert = document.createElement('p');
      alert.setAttribute('role', 'alert');
      alert.className = 'human-connect-error';
      alert.setAttribute('data-human-connect-error', '');
      button.insertAdjacentElement('afterend', alert);
      alerts.set(button, alert);
    }
    var text = error.message || FALLBACK_MESSAGE;
    if (error.detailedMessage) {
      text += ' ' + error.detailedMessage;
    }
    alert.textContent = text;
    alert.hidden = false;
  }

  function hideAlert(button) {
    var alert = alerts.get(button);
    if (alert) {
      alert.hidden = true;
      alert.textContent = '';
    }
  }

  function report(button, error) {
    emit(button, 'error', error, false);
    showAlert(button, error);
  }

  function setBusy(button, busy) {
    button.disabled = busy;
    button.toggleAttribute('aria-busy', busy);
  }

  /** Only http(s) destinations: a redirect URL must never run script. */
  function safeUrl(url) {
    try {
      var parsed = new URL(url, window.location.href);
      return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed.href : null;
    } catch (e) {
      return null;
    }
  }

  function text(value, fallback) {
    return typeof value === 'string' ? value : fallback;
  }

  /** The error the page sees: the shape of humanconnect:error's detail. */
  function failure(code, message, detailedMessage, source) {
    return { code: code, message: message, detailedMessage: detailedMessage, source: source };
  }

  function problemOf(response) {
    return response.json().then(function (problem) {
      return problem && typeof problem === 'object' ? problem : {};
    }, function () {
      return {};
    }).then(function (problem) {
      var error = failure(text(problem.errorCode, 'http_' + response.status),
        text(problem.title, 'The connection could not be saved.'), text(problem.detail, ''), 'server');
      error.status = response.status;
      return error;
    });
  }

  function postFinish(config, sessionTokenObject) {
    var fields = {
      humanId: sessionTokenObject.humanId,
      clientId: sessionTokenObject.clientId,
      sessionToken: sessionTokenObject.sessionToken
    };
    var antiforgery = config.antiforgery || {};
    var headers = { Accept: 'application/json' };
    var body;
    if (antiforgery.headerName) {
      headers['Content-Type'] = 'application/json';
      headers[antiforgery.headerName] = antiforgery.token;
      body = JSON.stringify(fields);
    } else {
      // The host accepts the antiforgery token as a form field only: post a form, which the endpoint also reads.
      body = new URLSearchParams(fields);
      body.set(antiforgery.formFieldName, antiforgery.token);
    }
    return fetch(config.finishUrl, { method: 'POST', credentials: 'same-origin', headers: headers, body: body });
  }

  function finished(button, config, result) {
    var event = emit(button, 'finish', { humanId: result.humanId, publicToken: result.publicToken }, true);
    if (event.defaultPrevented) {
      // The page stays: every button on it must open edit mode with the new publicToken next, or the other one
      // would open create mode and meet Human API's "User Already Exists".
      document.querySelectorAll('[' + CONFIG_ATTRIBUTE + ']').forEach(function (other) {
        var otherConfig = other === button ? config : readConfig(other);
        if (otherConfig) {
          otherConfig.publicToken = result.publicToken;
          other.setAttribute(CONFIG_ATTRIBUTE, JSON.stringify(otherConfig));
          other.setAttribute('data-human-connect-state', 'edit');
        }
      });
      setBusy(button, false);
      return;
    }
    // Human API requires a reload or redirect: the hosted page keeps polling until the page goes away.
    var target = config.redirectUrl ? safeUrl(config.redirectUrl) : null;
    return target ? window.location.assign(target) : window.location.reload();
  }

  function finish(button, config, err, sessionTokenObject) {
    connectOpen = false;
    if (err) {
      report(button, connectError(err));
      return;
    }
    if (!sessionTokenObject || typeof sessionTokenObject.sessionToken !== 'string' || !sessionTokenObject.sessionToken) {
      report(button, failure('invalid_session', FALLBACK_MESSAGE, 'Connect finished without a session token.', 'connect'));
      return;
    }
    if (finishedSessionTokens.has(sessionTokenObject.sessionToken)) {
      return;
    }
    finishedSessionTokens.add(sessionTokenObject.sessionToken);

    setBusy(button, true);
    // A failed exchange forgets the token: if Connect hands the same one over again, that is a retry, not a double.
    function failed(problem) {
      finishedSessionTokens.delete(sessionTokenObject.sessionToken);
      setBusy(button, false);
      report(button, problem);
    }
    postFinish(config, sessionTokenObject).then(function (response) {
      if (!response.ok) {
        return problemOf(response).then(failed);
      }
      return response.json().then(function (result) {
        finished(button, config, result);
      });
    }).catch(function (e) {
      failed(failure('network_error', 'The connection could not be saved.', e && e.message ? String(e.message) : '', 'server'));
    });
  }

  function connectError(err) {
    err = err || {};
    return failure(err.code === undefined ? 'connect_error' : err.code,
      text(err.message, '') || FALLBACK_MESSAGE, text(err.detailedMessage, ''), 'connect');
  }

  function readConfig(button) {
    try {
      var config = JSON.parse(button.getAttribute(CONFIG_ATTRIBUTE));
      return config && typeof config === 'object' ? config : null;
    } catch (e) {
      return null;
    }
  }

  function open(button) {
    var config = readConfig(button);
    if (!config) {
      report(button, failure('invalid_config', 'Connect could not start.', 'The button carries no valid options.', 'page'));
      return;
    }
    var connect = window.HumanConnect;
    if (!connect || typeof connect.open !== 'function') {
      report(button, failure('connect_unavailable', 'Connect could not start.',
        'Human API\'s Connect script has not loaded. Try again in a moment.', 'page'));
      return;
    }

    hideAlert(button);
    claimSession(config.owner || '');

    // Extra options first: the ones below are the library's and may not be replaced.
    var options = Object.assign({}, config.options || {}, {
      clientId: config.clientId,
      // Human API's script puts clientUserId in a URL unencoded; its guide encodes it first.
      clientUserId: encodeURIComponent(config.clientUserId),
      publicToken: config.publicToken || '',
      finish: function (err, sessionTokenObject) { finish(button, config, err, sessionTokenObject); },
      close: function () { connectOpen = false; emit(button, 'close', {}, false); },
      error: function (err) { report(button, connectError(err)); }
    });
    ['language', 'mode', 'modal', '_baseURL'].forEach(function (name) {
      if (config[name] !== undefined && config[name] !== null) {
        options[name] = config[name];
      }
    });
    connectOpen = true;
    try {
      connect.open(options);
    } catch (e) {
      connectOpen = false;
      report(button, failure('connect_failed', 'Connect could not start.', e && e.message ? String(e.message) : '', 'page'));
    }
  }

  function onClick(event) {
    var target = event.target;
    if (!(target instanceof Element)) {
      return;
    }
    var button = target.closest('[' + CONFIG_ATTRIBUTE + ']');
    if (button && !button.disabled && !connectOpen) {
      open(button);
    }
  }

  function onSignOutClick(event) {
    var signout = event.target instanceof Element ? event.target.closest(SIGNOUT_SELECTOR) : null;
    // A form with the attribute is handled on submit, so a click inside it that submits nothing clears nothing.
    if (signout && signout.tagName !== 'FORM') {
      clearSession();
    }
  }

  function onSubmit(event) {
    if (event.target instanceof Element && event.target.closest(SIGNOUT_SELECTOR)) {
      clearSession();
    }
  }

  if (pageOwner !== null) {
    dropForeignSession(pageOwner);
  }

  // Listeners on the document: buttons rendered later work too, and no element needs an inline handler.
  // Sign-out runs in the capture phase, before the page can navigate away or a handler stops the event.
  document.addEventListener('click', onClick);
  document.addEventListener('click', onSignOutClick, true);
  document.addEventListener('submit', onSubmit, true);

  window.HumanConnectAspNetCore = Object.freeze({ clearSession: clearSession });
})();
