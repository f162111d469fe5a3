/*! HumanConnect.AspNetCore: the finish half of human-connect.js (load this first, or import human-connect.mjs). It posts
 * Connect's sessionTokenObject to the finish endpoint once per session token, and tells the page how it went: the
 * humanconnect:* events, an alert next to the button, the host's handlers. */
(function () {
  'use strict';

  // The slot human-connect.js reads; a Symbol keeps it out of the page's names.
  var SLOT = Symbol.for('HumanConnect.AspNetCore.finish');
  if (window[SLOT]) {
    return;
  }

  var FALLBACK_MESSAGE = 'Connecting your health data failed.';
  // One exchange per session token, even if Connect calls finish twice (and whichever copy of the script runs).
  var finishedSessionTokens = new Set();
  var alerts = new WeakMap();

  function emit(target, name, detail, cancelable) {
    var event = new CustomEvent('humanconnect:' + name, { bubbles: true, cancelable: !!cancelable, detail: detail });
    (target || document).dispatchEvent(event);
    return event;
  }

  /** Calls a host's handler; one that throws is reported as uncaught, and never mistaken for a failed finish. */
  function call(handler, value) {
    if (typeof handler === 'function') {
      try {
        handler(value);
      } catch (e) {
        setTimeout(function () { throw e; });
      }
    }
  }

  function showAlert(element, error) {
    var alert = alerts.get(element);
    if (!alert || !alert.isConnected) {
      alert = document.createElement('p');
      alert.setAttribute('role', 'alert');
      alert.className = 'human-connect-error';
      alert.setAttribute('data-human-connect-error', '');
      element.insertAdjacentElement('afterend', alert);
      alerts.set(element, alert);
    }
    alert.textContent = (error.message || FALLBACK_MESSAGE) + (error.detailedMessage ? ' ' + error.detailedMessage : '');
    alert.hidden = false;
  }

  function hideAlert(element) {
    var alert = element && alerts.get(element);
    if (alert) {
      alert.hidden = true;
      alert.textContent = '';
    }
  }

  /** Tells the page: a humanconnect:error event, the alert next to the element (if any), and handlers.onError. */
  function report(run, error) {
    emit(run.element, 'error', error, false);
    if (run.element) {
      showAlert(run.element, error);
    }
    call(run.handlers.onError, error);
  }

  function setBusy(element, busy) {
    if (element) {
      element.disabled = busy;
      element.toggleAttribute('aria-busy', busy);
    }
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

  function postFinish(options, sessionTokenObject) {
    var fields = {
      humanId: sessionTokenObject.humanId,
      clientId: sessionTokenObject.clientId,
      sessionToken: sessionTokenObject.sessionToken
    };
    var antiforgery = options.antiforgery || {};
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
    return fetch(options.finishUrl, { method: 'POST', credentials: 'same-origin', headers: headers, body: body });
  }


  function finished(run, result) {
    var detail = { humanId: result.humanId, publicToken: result.publicToken };
    var event = emit(run.element, 'finish', detail, true);
    if (event.defaultPrevented || typeof run.handlers.onFinish === 'function') {
      run.stay(result.publicToken);
      setBusy(run.element, false);
      call(run.handlers.onFinish, detail);
      return;
    }
    // Human API requires a reload or redirect: the hosted page keeps polling until the page goes away.
    var target = run.options.redirectUrl ? safeUrl(run.options.redirectUrl) : null;
    return target ? window.location.assign(target) : window.location.reload();
  }

  function finish(run, err, sessionTokenObject) {
    run.ended();
    if (err) {
      report(run, connectError(err));
      return;
    }
    if (!sessionTokenObject || typeof sessionTokenObject.sessionToken !== 'string' || !sessionTokenObject.sessionToken) {
      report(run, failure('invalid_session', FALLBACK_MESSAGE, 'Connect finished without a session token.', 'connect'));
      return;
    }
    var sessionToken = sessionTokenObject.sessionToken;
    if (finishedSessionTokens.has(sessionToken)) {
      return;
    }
    finishedSessionTokens.add(sessionToken);

    setBusy(run.element, true);
    // A failed exchange forgets the token: if Connect hands the same one over again, that is a retry, not a double.
    function failed(problem) {
      finishedSessionTokens.delete(sessionToken);
      setBusy(run.element, false);
      report(run, problem);
    }
    postFinish(run.options, sessionTokenObject).then(function (response) {
      if (!response.ok) {
        return problemOf(response).then(failed);
      }
      return response.json().then(function (result) {
        finished(run, result);
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

  window[SLOT] = Object.freeze({
    emit: emit,
    call: call,
    report: report,
    hideAlert: hideAlert,
    failure: failure,
    connectError: connectError,
    setBusy: setBusy,
    safeUrl: safeUrl,
    finish: finish
  });
})();
