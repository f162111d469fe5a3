/*! HumanConnect.AspNetCore: after Human API's Connect v2 (humanapi-connect-client) reports a change, has the server confirm it.
 * For the v2 button's markup (data-human-connect-v2); human-connect-v2-open.js adds the browser API's runs (open and
 * attach with Connect v2 options) through the slot this file defines. */
(function () {
  'use strict';

  var SLOT = Symbol.for('HumanConnect.AspNetCore.v2.events');
  // Loaded twice (as a page script and through human-connect.mjs): one copy runs, so each event is synced once.
  if (window[SLOT]) {
    return;
  }

  var CONFIG_ATTRIBUTE = 'data-human-connect-v2';
  var SIGNOUT_SELECTOR = '[data-human-connect-signout]';
  // Legacy Connect's resumable session: nothing of Connect v2 lives in the browser, but a session the legacy flow left
  // behind (before the app switched) is still cleared on sign-out.
  var LEGACY_KEYS = ['humanapiSessionToken', 'humanconnect:owner'];
  var FALLBACK_MESSAGE = 'Connecting your health data failed.';

  // The button that opened Connect last: the client reports its events for every button at once.
  var active = null;
  // Or the browser API's run that opened it (human-connect-v2-open.js): { changed(kind, payload), closed(payload, changed) }.
  var apiRun = null;
  var subscribedTo = null;
  // Whether Connect reported a change since it opened, and the syncs it caused, one after another.
  var changed = false;
  var syncs = Promise.resolve();
  var alerts = new WeakMap();

  function clearSession() {
    try {
      LEGACY_KEYS.forEach(function (key) { window.localStorage.removeItem(key); });
    } catch (e) {
      // storage disabled: nothing was kept either
    }
  }

  function emit(button, name, detail, cancelable) {
    var event = new CustomEvent('humanconnect:' + name, { bubbles: true, cancelable: !!cancelable, detail: detail });
    (button || document).dispatchEvent(event);
    return event;
  }

  function showAlert(button, error) {
    var alert = alerts.get(button);
    if (!alert || !alert.isConnected) {
      alert = document.createElement('p');
      alert.setAttribute('role', 'alert');
      alert.className = 'human-connect-error';
      alert.setAttribute('data-human-connect-error', '');
      // After the token container, which holds the button.
      (button.parentElement || button).insertAdjacentElement('afterend', alert);
      alerts.set(button, alert);
    }
    alert.textContent = (error.message || FALLBACK_MESSAGE) + (error.detailedMessage ? ' ' + error.detailedMessage : '');
    alert.hidden = false;
  }

  function report(button, error) {
    emit(button, 'error', error, false);
    if (button) {
      showAlert(button, error);
    }
  }

  function failure(code, message, detailedMessage, source) {
    return { code: code, message: message, detailedMessage: detailedMessage, source: source };
  }

  function text(value, fallback) {
    return typeof value === 'string' ? value : fallback;
  }

  function readConfig(button) {
    try {
      var config = JSON.parse(button.getAttribute(CONFIG_ATTRIBUTE));
      return config && typeof config === 'object' ? config : null;
    } catch (e) {
      return null;
    }
  }

  function setBusy(button, busy) {
    button.disabled = busy;
    button.toggleAttribute('aria-busy', busy);
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

  /** Asks the server to confirm with Human API what changed; the body says nothing: the server trusts no event. */
  function postSync(config) {
    var antiforgery = config.antiforgery || {};
    var request = { method: 'POST', credentials: 'same-origin', headers: { Accept: 'application/json' } };
    if (antiforgery.headerName) {
      request.headers[antiforgery.headerName] = antiforgery.token;
    } else {
      // The host accepts the antiforgery token as a form field only.
      request.body = new URLSearchParams();
      request.body.set(antiforgery.formFieldName, antiforgery.token);
    }
    return fetch(config.syncUrl, request).then(function (response) {
      if (!response.ok) {
        return problemOf(response).then(function (problem) { throw problem; });
      }
      return response.json();
    }, function (e) {
      throw failure('network_error', 'The connection could not be saved.', e && e.message ? String(e.message) : '', 'server');
    });
  }

  /** Queues a sync behind the earlier ones; a failed one does not stop the next. */
  function sync(button) {
    return syncWith(button && readConfig(button));
  }

  function syncWith(config) {
    if (!config || typeof config.syncUrl !== 'string') {
      return Promise.reject(failure('invalid_config', 'Connect could not start.', 'The button carries no valid options.', 'page'));
    }
    var next = syncs.catch(function () {}).then(function () { return postSync(config); });
    syncs = next;
    return next;
  }

  function safeUrl(url) {
    try {
      var parsed = new URL(url, window.location.href);
      return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed.href : null;
    } catch (e) {
      return null;
    }
  }

  function hasChanges(payload) {
    var results = payload && payload.sessionResults;
    return !!results && ((results.connectedSources || []).length > 0 || (results.disconnectedSources || []).length > 0);
  }

  function onChange(kind) {
    return function (payload) {
      changed = true;
      if (apiRun) {
        apiRun.changed(kind, payload);
        return;
      }
      var button = active;
      emit(button, 'change', { type: kind, sessionResults: payload && payload.sessionResults }, false);
      // Synced now, while Connect stays open: the server learns of it even if the person closes the tab instead.
      sync(button).catch(function () {});
    };
  }

  function onClose(payload) {
    if (apiRun) {
      var run = apiRun;
      var wasChanged = changed;
      apiRun = null;
      changed = false;
      run.closed(payload, wasChanged);
      return;
    }
    var button = active;
    active = null;
    var status = payload && typeof payload.status === 'string' ? payload.status : null;
    // An expired or invalid token: a sync drops the one the server cached, so the reload opens with a fresh one.
    var tokenProblem = status !== null && status !== 'SUCCESS';
    if (!button || (!changed && !hasChanges(payload) && !tokenProblem)) {
      changed = false;
      emit(button, 'close', { changed: false }, false);
      return;
    }
    changed = false;
    setBusy(button, true);
    sync(button).then(function (result) {
      var event = emit(button, 'finish', { humanId: result.humanId, connected: !!result.connected }, true);
      if (event.defaultPrevented) {
        setBusy(button, false);
        return;
      }
      var config = readConfig(button) || {};
      var target = config.redirectUrl ? safeUrl(config.redirectUrl) : null;
      return target ? window.location.assign(target) : window.location.reload();
    }, function (problem) {
      setBusy(button, false);
      report(button, problem);
    });
  }

  function onClick(event) {
    var button = event.target instanceof Element ? event.target.closest('[' + CONFIG_ATTRIBUTE + ']') : null;
    if (!button || button.disabled) {
      return;
    }
    if (!window.HumanConnect || typeof window.HumanConnect.on !== 'function') {
      report(button, failure('connect_unavailable', 'Connect could not start.',
        'Human API\'s Connect client has not loaded. Try again in a moment.', 'page'));
      return;
    }
    var alert = alerts.get(button);
    if (alert) {
      alert.hidden = true;
    }
    // The client opens nothing while its iframe is up, so a click then is not a new Connect.
    if (!document.getElementById('human-api')) {
      active = button;
      apiRun = null;
      changed = false;
    }
  }

  function subscribe() {
    var client = window.HumanConnect;
    if (!client || typeof client.on !== 'function' || subscribedTo === client) {
      return;
    }
    subscribedTo = client;
    client.on('connect', onChange('connect'));
    client.on('disconnect', onChange('disconnect'));
    client.on('close', onClose);
    client.on('error', function (message) {
      // The client's one error: no token container on the page. A page without a button has nothing to report it on.
      var button = document.querySelector('[' + CONFIG_ATTRIBUTE + ']');
      if (button) {
        report(button, failure('connect_error', 'Connect could not start.', text(message, ''), 'connect'));
      }
    });
  }

  subscribe();
  // Capture phase: the person's click is seen before the client's own handler opens Connect.
  document.addEventListener('click', onClick, true);
  document.addEventListener('click', function (event) {
    var signout = event.target instanceof Element ? event.target.closest(SIGNOUT_SELECTOR) : null;
    if (signout && signout.tagName !== 'FORM') {
      clearSession();
    }
  }, true);
  document.addEventListener('submit', function (event) {
    if (event.target instanceof Element && event.target.closest(SIGNOUT_SELECTOR)) {
      clearSession();
    }
  }, true);

  window[SLOT] = Object.freeze({
    emit: emit,
    failure: failure,
    sync: syncWith,
    hasChanges: hasChanges,
    subscribe: subscribe,
    // The browser API opened Connect: its run hears the client's events until Connect closes.
    take: function (run) {
      apiRun = run;
      active = null;
      changed = false;
    },
    release: function () {
      apiRun = null;
    }
  });
  // human-connect.js, when loaded, defines the whole API (with its own clearSession); this page may have only this file.
  if (!window.HumanConnectAspNetCore) {
    window.HumanConnectAspNetCore = Object.freeze({ clearSession: clearSession });
  }
})();
