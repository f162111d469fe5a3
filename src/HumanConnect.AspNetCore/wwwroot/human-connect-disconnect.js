/*! HumanConnect.AspNetCore: disconnects the signed-in user from <human-connect-disconnect>, with no inline script. */
(function () {
  'use strict';

  var CONFIG_ATTRIBUTE = 'data-human-connect-disconnect';
  // Human API's resumable Connect session, and whose it is: human-connect.js keeps them; a disconnected user's must go.
  var SESSION_KEYS = ['humanapiSessionToken', 'humanconnect:owner'];
  var FALLBACK_MESSAGE = 'Disconnecting your health data failed.';
  var alerts = new WeakMap();

  function readConfig(control) {
    try {
      var config = JSON.parse(control.getAttribute(CONFIG_ATTRIBUTE));
      return config && typeof config === 'object' && typeof config.url === 'string' ? config : null;
    } catch (e) {
      return null;
    }
  }

  function text(value, fallback) {
    return typeof value === 'string' ? value : fallback;
  }

  function clearSession() {
    var api = window.HumanConnectAspNetCore;
    if (api && typeof api.clearSession === 'function') {
      api.clearSession();
      return;
    }
    try {
      SESSION_KEYS.forEach(function (key) { window.localStorage.removeItem(key); });
    } catch (e) {
      // storage disabled: there is no session to leave behind either
    }
  }

  function emit(control, name, detail, cancelable) {
    var event = new CustomEvent('humanconnect:' + name, { bubbles: true, cancelable: !!cancelable, detail: detail });
    control.dispatchEvent(event);
    return event;
  }

  function showAlert(control, error) {
    var alert = alerts.get(control);
    if (!alert || !alert.isConnected) {
      alert = document.createElement('p');
      alert.setAttribute('role', 'alert');
      alert.className = 'human-connect-error';
      alert.setAttribute('data-human-connect-error', '');
      control.insertAdjacentElement('afterend', alert);
      alerts.set(control, alert);
    }
    alert.textContent = error.detailedMessage ? error.message + ' ' + error.detailedMessage : error.message;
    alert.hidden = false;
  }

  function setBusy(control, busy) {
    control.disabled = busy;
    control.toggleAttribute('aria-busy', busy);
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

  function post(config) {
    var antiforgery = config.antiforgery || {};
    var headers = { Accept: 'application/json' };
    var body = null;
    if (antiforgery.headerName) {
      headers[antiforgery.headerName] = antiforgery.token;
    } else {
      // The host accepts the antiforgery token as a form field only.
      body = new URLSearchParams();
      body.set(antiforgery.formFieldName, antiforgery.token);
    }
    return fetch(config.url, { method: 'POST', credentials: 'same-origin', headers: headers, body: body });
  }

  function answerOf(response) {
    return response.json().then(function (json) {
      return json && typeof json === 'object' ? json : {};
    }, function () {
      return {};
    });
  }

  function done(control, config, answer) {
    clearSession();
    var event = emit(control, 'disconnect', {
      humanApiUserDeleted: answer.humanApiUserDeleted === true,
      detail: text(answer.detail, '')
    }, true);
    if (event.defaultPrevented) {
      setBusy(control, false);
      return;
    }
    // The page renders again without the connection: the Connect button in create mode.
    var target = config.redirectUrl ? safeUrl(config.redirectUrl) : null;
    return target ? window.location.assign(target) : window.location.reload();
  }

  function failed(control, error) {
    setBusy(control, false);
    emit(control, 'error', error, false);
    showAlert(control, error);
  }

  function disconnect(control) {
    var config = readConfig(control);
    if (!config) {
      failed(control, { code: 'invalid_config', message: FALLBACK_MESSAGE, detailedMessage: 'The control carries no valid options.', source: 'page' });
      return;
    }
    if (config.confirm && !window.confirm(config.confirm)) {
      return;
    }
    setBusy(control, true);
    post(config).then(function (response) {
      return answerOf(response).then(function (answer) {
        if (response.ok) {
          return done(control, config, answer);
        }
        // Nothing stored any more (another tab disconnected first): what was asked for is done.
        if (response.status === 404 && answer.errorCode === 'not_connected') {
          return done(control, config, { humanApiUserDeleted: false, detail: text(answer.detail, '') });
        }
        failed(control, {
          code: text(answer.errorCode, 'http_' + response.status),
          message: text(answer.title, FALLBACK_MESSAGE),
          detailedMessage: text(answer.detail, ''),
          status: response.status,
          source: 'server'
        });
      });
    }).catch(function (e) {
      failed(control, { code: 'network_error', message: FALLBACK_MESSAGE, detailedMessage: e && e.message ? String(e.message) : '', source: 'server' });
    });
  }

  // One listener on the document: controls rendered later work too, and none needs an inline handler.
  document.addEventListener('click', function (event) {
    var control = event.target instanceof Element ? event.target.closest('[' + CONFIG_ATTRIBUTE + ']') : null;
    if (control && !control.disabled) {
      event.preventDefault();
      disconnect(control);
    }
  });
})();
