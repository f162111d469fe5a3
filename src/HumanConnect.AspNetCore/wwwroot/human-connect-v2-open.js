/*! HumanConnect.AspNetCore: the browser API's Connect v2 runs. human-connect.js's open and attach, given Connect v2
 * options (connectVersion 'v2'), hand them here: Human API's v2 client is opened with the options' token, and what it
 * reports is confirmed by the server through human-connect-v2.js (load that first, or import human-connect.mjs). */
(function () {
  'use strict';

  var SLOT = Symbol.for('HumanConnect.AspNetCore.v2');
  if (window[SLOT]) {
    return;
  }
  var events = window[Symbol.for('HumanConnect.AspNetCore.v2.events')];
  if (!events) {
    throw new Error('HumanConnect.AspNetCore: load human-connect-v2.js before human-connect-v2-open.js, or import human-connect.mjs.');
  }
  var cannot = 'Connect could not start.';

  function finishing() {
    return window[Symbol.for('HumanConnect.AspNetCore.finish')];
  }

  /** The v2 client's own options from the extras: 'pinned-providers' is pinnedProviders; the token and base are ours. */
  function clientOptions(extras) {
    var result = {};
    Object.keys(extras && typeof extras === 'object' ? extras : {}).forEach(function (name) {
      var key = name.replace(/-([a-z0-9])/g, function (m, c) { return c.toUpperCase(); });
      var value = String(extras[name]);
      if (key === 'focusTrap') {
        result.enableFocusTrap = value !== 'false';
      } else if (key === 'preseed') {
        result.preseed = value !== 'false';
      } else {
        result[key] = value;
      }
    });
    return result;
  }

  /** Connect closed: nothing changed (close), or the server confirms what did (finish). */
  function closed(run, payload, changed) {
    var host = finishing();
    var status = payload && typeof payload.status === 'string' ? payload.status : null;
    // An expired or invalid token: a sync drops the one the server cached, so fresh options open with a new one.
    if (!changed && !events.hasChanges(payload) && (status === null || status === 'SUCCESS')) {
      events.emit(run.element, 'close', { changed: false }, false);
      host.call(run.handlers.onClose);
      return;
    }
    host.setBusy(run.element, true);
    events.sync(run.options).then(function (result) {
      var detail = { humanId: result.humanId, connected: !!result.connected };
      var event = events.emit(run.element, 'finish', detail, true);
      if (event.defaultPrevented || typeof run.handlers.onFinish === 'function') {
        host.setBusy(run.element, false);
        host.call(run.handlers.onFinish, detail);
        return;
      }
      var target = run.options.redirectUrl ? host.safeUrl(run.options.redirectUrl) : null;
      return target ? window.location.assign(target) : window.location.reload();
    }, function (problem) {
      host.setBusy(run.element, false);
      host.report(run, problem);
    });
  }

  /** Opens Connect v2 for a run of the browser API (human-connect.js checked the options' schema and state). */
  function open(run, client) {
    if (!client || typeof client.open !== 'function' || typeof client.on !== 'function') {
      finishing().report(run, events.failure('connect_unavailable', cannot,
        'Human API\'s Connect client has not loaded. Try again in a moment.', 'page'));
      return false;
    }
    // The client opens nothing while its iframe is up.
    if (document.getElementById('human-api')) {
      return false;
    }
    events.subscribe();
    var options = run.options;
    var settings = Object.assign(clientOptions(options.options), { token: options.token, mode: options.mode || 'auth', version: 'V2' });
    if (typeof options._baseURL === 'string') {
      settings.baseURL = options._baseURL;
    }
    events.take({
      changed: function (kind, payload) {
        events.emit(run.element, 'change', { type: kind, sessionResults: payload && payload.sessionResults }, false);
        // Synced now, while Connect stays open: the server learns of it even if the person closes the tab instead.
        events.sync(options).catch(function () {});
      },
      closed: function (payload, changed) { closed(run, payload, changed); }
    });
    try {
      client.open(settings);
    } catch (e) {
      events.release();
      finishing().report(run, events.failure('connect_failed', cannot, e && e.message ? String(e.message) : '', 'page'));
      return false;
    }
    return true;
  }

  window[SLOT] = Object.freeze({ open: open });
})();
