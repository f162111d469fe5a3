/*! HumanConnect.AspNetCore: opens Human API Connect and finishes the connection on the server. A classic script, loaded
 * after human-connect-finish.js (human-connect.mjs is the ES module face of both), that defines
 * window.HumanConnectAspNetCore: open(options, handlers), attach(element, options, handlers) and clearSession(), for the
 * Connect options of GET {prefix}/connect/options (schema human-connect-options/1); and that opens Connect from every
 * <human-connect-button>. */
(function () {
  'use strict';

  // Loaded twice (as a page script and through human-connect.mjs): one copy runs, so there is one set of listeners.
  // (human-connect-v2.js alone defines a smaller HumanConnectAspNetCore, without open: this one replaces it.)
  if (window.HumanConnectAspNetCore && window.HumanConnectAspNetCore.open) {
    return;
  }

  var SCHEMA = 'human-connect-options/1';
  // Human API's script keeps the resumable Connect session here and never clears it.
  var SESSION_KEY = 'humanapiSessionToken';
  // Which signed-in user (as an opaque hash) opened Connect last in this browser.
  var OWNER_KEY = 'humanconnect:owner';
  var CONFIG_ATTRIBUTE = 'data-human-connect';
  var STATE_ATTRIBUTE = 'data-human-connect-state';
  var SIGNOUT_SELECTOR = '[data-human-connect-signout]';
  var finishing = window[Symbol.for('HumanConnect.AspNetCore.finish')];
  if (!finishing) {
    throw new Error('HumanConnect.AspNetCore: load human-connect-finish.js before human-connect.js, or import human-connect.mjs.');
  }
  var report = finishing.report;
  var failure = finishing.failure;
  var emit = finishing.emit;

  // Whether Connect is open on this page (from open() until close or finish). While it is, further opens are
  // ignored: Human API's script would lay a second iframe over the first, and its close() removes only the newest,
  // leaving an orphan over the page. An error does not end it: Connect keeps its iframe up to show the error.
  var connectOpen = false;
  // Elements given to attach(): the document-wide click handler leaves them to their own.
  var attachments = new Map();
  var connectLoad = null;

  // Read now: document.currentScript is only set while this script runs (and never for a module).
  var script = document.currentScript;
  var pageOwner = script ? script.getAttribute('data-human-connect-owner') : null;
  var nonce = script ? script.nonce : '';

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

  /** The page stays after a finish: every button must open edit mode next, or another would meet "User Already Exists". */
  function toEditMode(publicToken) {
    document.querySelectorAll('[' + CONFIG_ATTRIBUTE + ']').forEach(function (element) {
      var options = readConfig(element);
      if (options) {
        options.state = 'edit';
        options.publicToken = publicToken;
        element.setAttribute(CONFIG_ATTRIBUTE, JSON.stringify(options));
        element.setAttribute(STATE_ATTRIBUTE, 'edit');
      }
    });
    attachments.forEach(function (attachment, element) {
      attachment.options = Object.assign({}, attachment.options, { state: 'edit', publicToken: publicToken });
      element.setAttribute(STATE_ATTRIBUTE, 'edit');
    });
  }


  /** Only http(s) URLs are loaded as script. */
  function httpUrl(url) {
    try {
      return /^https?:$/.test(new URL(url, window.location.href).protocol);
    } catch (e) {
      return false;
    }
  }

  function readConfig(element) {
    try {
      var options = JSON.parse(element.getAttribute(CONFIG_ATTRIBUTE));
      return options && typeof options === 'object' ? options : null;
    } catch (e) {
      return null;
    }
  }

  /** Human API's script, loaded once from the options' connectScriptUrl unless the page loaded it already. */
  function loadConnect(url) {
    if (window.HumanConnect && typeof window.HumanConnect.open === 'function') {
      return Promise.resolve(window.HumanConnect);
    }
    if (!connectLoad && typeof url === 'string' && httpUrl(url)) {
      connectLoad = new Promise(function (resolve, reject) {
        var tag = document.createElement('script');
        tag.src = url;
        // A nonce-only policy allows what this script's own nonce allows; 'self' and the Connect host need none.
        if (nonce) {
          tag.nonce = nonce;
        }
        tag.onload = resolve;
        tag.onerror = function () {
          connectLoad = null; // a later open tries again
          tag.remove();
          reject(new Error('load'));
        };
        document.head.appendChild(tag);
      });
    }
    return (connectLoad || Promise.reject(new Error('no url'))).then(function () {
      return window.HumanConnect;
    });
  }

  /** Opens Connect for one run: its options, the element it reports on (or none) and the host's handlers. */
  function start(run) {
    var options = run.options;
    var cannot = 'Connect could not start.';
    if (!options || typeof options !== 'object' || options.schema !== SCHEMA) {
      report(run, failure('invalid_config', cannot, 'The Connect options are missing or not of schema ' + SCHEMA + '.', 'page'));
      return Promise.resolve(false);
    }
    if (options.state === 'unavailable') {
      report(run, failure('unavailable', typeof options.message === 'string' ? options.message : cannot, '', 'page'));
      return Promise.resolve(false);
    }
    if (options.connectVersion === 'v2') {
      return startV2(run, cannot);
    }
    if (connectOpen) {
      return Promise.resolve(false);
    }
    connectOpen = true;
    finishing.hideAlert(run.element);
    run.ended = function () { connectOpen = false; };
    run.stay = toEditMode;
    function unavailable() {
      connectOpen = false;
      report(run, failure('connect_unavailable', cannot, 'Human API\'s Connect script has not loaded. Try again in a moment.', 'page'));
      return false;
    }
    return loadConnect(options.connectScriptUrl).then(function (connect) {
      if (!connect || typeof connect.open !== 'function') {
        return unavailable();
      }
      claimSession(options.owner || '');
      // Extra options first: the ones below are the library's and may not be replaced.
      var connectOptions = Object.assign({}, options.options || {}, {
        clientId: options.clientId,
        // Human API's script puts clientUserId in a URL unencoded; its guide encodes it first.
        clientUserId: encodeURIComponent(options.clientUserId),
        publicToken: options.publicToken || '',
        finish: function (err, sessionTokenObject) { finishing.finish(run, err, sessionTokenObject); },
        close: function () {
          connectOpen = false;
          emit(run.element, 'close', {}, false);
          finishing.call(run.handlers.onClose);
        },
        error: function (err) { report(run, finishing.connectError(err)); }
      });
      ['language', 'mode', 'modal', '_baseURL'].forEach(function (name) {
        if (options[name] !== undefined && options[name] !== null) {
          connectOptions[name] = options[name];
        }
      });
      try {
        connect.open(connectOptions);
      } catch (e) {
        connectOpen = false;
        report(run, failure('connect_failed', cannot, e && e.message ? String(e.message) : '', 'page'));
        return false;
      }
      return true;
    }, unavailable);
  }

  /** Connect v2: human-connect-v2.js opens Human API's v2 client with the options' token, and syncs what it reports. */
  function startV2(run, cannot) {
    var v2 = window[Symbol.for('HumanConnect.AspNetCore.v2')];
    if (!v2) {
      report(run, failure('invalid_config', cannot, 'Connect v2 needs human-connect-v2.js and human-connect-v2-open.js: import human-connect.mjs.', 'page'));
      return Promise.resolve(false);
    }
    finishing.hideAlert(run.element);
    return loadConnect(run.options.connectScriptUrl).then(function (client) {
      return v2.open(run, client);
    }, function () {
      report(run, failure('connect_unavailable', cannot, 'Human API\'s Connect client has not loaded. Try again in a moment.', 'page'));
      return false;
    });
  }

  /**
   * Opens Connect now with the Connect options (the JSON of GET {prefix}/connect/options). handlers (all optional):
   * element (where the humanconnect:* events are raised and an error is shown; the document otherwise), onFinish
   * (given, the page stays after a finish), onClose, onError. Resolves to whether Connect opened.
   */
  function open(options, handlers) {
    handlers = handlers || {};
    return start({ element: handlers.element || null, handlers: handlers, options: options });
  }

  /**
   * Makes `element` open Connect on click with `options` (and marks it data-human-connect-attached, its
   * data-human-connect-state the options' state); returns { update(options), detach() }.
   */
  function attach(element, options, handlers) {
    if (!(element instanceof Element)) {
      throw new TypeError('HumanConnectAspNetCore.attach needs an element.');
    }
    var attachment = { options: options, handlers: handlers || {} };
    function sync() {
      var state = attachment.options && attachment.options.state;
      element.setAttribute(STATE_ATTRIBUTE, typeof state === 'string' ? state : 'invalid');
      if (state === 'create' || state === 'edit' || state === 'reconnect') {
        loadConnect(attachment.options.connectScriptUrl).catch(function () { /* reported on click */ });
      }
    }
    function onClick() {
      if (!element.disabled && attachments.get(element) === attachment) {
        start({ element: element, handlers: attachment.handlers, options: attachment.options });
      }
    }
    attachments.set(element, attachment);
    element.addEventListener('click', onClick);
    element.setAttribute('data-human-connect-attached', '');
    sync();
    return Object.freeze({
      update: function (next) {
        attachment.options = next;
        sync();
      },
      detach: function () {
        element.removeEventListener('click', onClick);
        if (attachments.get(element) === attachment) {
          attachments.delete(element);
          element.removeAttribute('data-human-connect-attached');
        }
      }
    });
  }

  // Listeners on the document: buttons rendered later work too, and no element needs an inline handler.
  // Sign-out runs in the capture phase, before the page can navigate away or a handler stops the event.
  document.addEventListener('click', function (event) {
    var button = event.target instanceof Element ? event.target.closest('[' + CONFIG_ATTRIBUTE + ']') : null;
    if (button && !button.disabled && !attachments.has(button)) {
      start({ element: button, handlers: {}, options: readConfig(button) });
    }
  });
  document.addEventListener('click', function (event) {
    var signout = event.target instanceof Element ? event.target.closest(SIGNOUT_SELECTOR) : null;
    // A form with the attribute is handled on submit, so a click inside it that submits nothing clears nothing.
    if (signout && signout.tagName !== 'FORM') {
      clearSession();
    }
  }, true);
  document.addEventListener('submit', function (event) {
    if (event.target instanceof Element && event.target.closest(SIGNOUT_SELECTOR)) {
      clearSession();
    }
  }, true);

  if (pageOwner !== null) {
    dropForeignSession(pageOwner);
  }

  window.HumanConnectAspNetCore = Object.freeze({ schema: SCHEMA, open: open, attach: attach, clearSession: clearSession });
})();
