/*
 * Human API sandbox: connect.js
 *
 * Defines the global HumanConnect the way Human API's legacy script does: open(options) lays a full-viewport
 * iframe over the page, loading the hosted Connect page at the root of the base URL, and that page talks back
 * only through postMessage of JSON strings ("hapi-connect-open|finish|close|error").
 *
 * One deliberate difference: Human API's script trusts a message from any window. This one accepts a message
 * only when it comes from the hosted page's origin AND from the very iframe it opened.
 *
 * Dependency-free, no inline styles in markup (CSSOM only, which a strict CSP allows), ES2017.
 */
(function (window, document) {
  'use strict';

  var STORAGE_KEY = 'humanapiSessionToken';

  // Without _baseURL the hosted page lives where this script came from: {base}/connect.js -> {base}.
  var currentScript = document.currentScript;
  var defaultBase = currentScript && currentScript.src
    ? currentScript.src.replace(/\/connect\.js(?:[?#].*)?$/, '')
    : '';

  var state = {
    publicToken: null, // sticky once given, as in the legacy script
    frame: null,
    frameOrigin: null,
    spinner: null,
    options: null,
    returnFocus: null
  };

  // localStorage may be unavailable (privacy modes, sandboxed frames): resuming a session is a nicety, not a need.
  function readSessionToken() {
    try { return window.localStorage.getItem(STORAGE_KEY); } catch (e) { return null; }
  }

  function saveSessionToken(token) {
    try { window.localStorage.setItem(STORAGE_KEY, token); } catch (e) { /* see readSessionToken */ }
  }

  function buildUrl(options) {
    var base = String(options._baseURL || defaultBase).replace(/\/+$/, '');
    var query = [];
    function add(name, value) {
      if (value === undefined || value === null || value === '') { return; }
      // Unlike Human API's script, every value is URL-encoded: a clientUserId with '&' or '#' cannot break the URL.
      query.push(name + '=' + encodeURIComponent(String(value)));
    }
    add('clientUserId', options.clientUserId);
    add('publicToken', state.publicToken);
    add('clientId', options.clientId);
    add('lang', options.language || 'en');
    add('sessionToken', readSessionToken());
    if (options.modal) { add('modal', '1'); }
    add('mode', options.mode);
    if (options.embed) { add('embed', '1'); }
    add('finishUrl', options.finishUrl);
    add('closeUrl', options.closeUrl);
    if (options.style) { add('style', JSON.stringify(options.style)); }
    return base + '/?' + query.join('&');
  }

  function cover(element, zIndex) {
    var style = element.style;
    style.position = 'fixed';
    style.top = '0';
    style.left = '0';
    style.width = '100%';
    style.height = '100%';
    style.border = '0';
    style.margin = '0';
    style.zIndex = String(zIndex);
  }

  function showSpinner() {
    var spinner = document.createElement('div');
    spinner.setAttribute('role', 'status');
    spinner.textContent = 'Loading Human Connect\u2026';
    var style = spinner.style;
    style.position = 'fixed';
    style.top = '50%';
    style.left = '50%';
    style.transform = 'translate(-50%, -50%)';
    style.padding = '0.75em 1.25em';
    style.borderRadius = '0.5em';
    style.background = 'rgba(0, 0, 0, 0.75)';
    style.color = '#fff';
    style.font = '14px/1.4 system-ui, sans-serif';
    style.zIndex = '100000';
    document.body.appendChild(spinner);
    state.spinner = spinner;
  }

  function removeSpinner() {
    if (state.spinner) {
      state.spinner.remove();
      state.spinner = null;
    }
  }

  function removeFrame() {
    removeSpinner();
    if (state.frame) {
      state.frame.remove();
      state.frame = null;
      state.frameOrigin = null;
    }
    if (state.returnFocus && typeof state.returnFocus.focus === 'function') {
      state.returnFocus.focus();
    }
    state.returnFocus = null;
  }

  function callback(name) {
    var fn = state.options && state.options[name];
    if (typeof fn === 'function') {
      fn.apply(null, Array.prototype.slice.call(arguments, 1));
    }
  }

  function open(options) {
    options = options || {};
    if (options.publicToken) { state.publicToken = options.publicToken; }

    // One Connect at a time: a new open() replaces a previous (possibly hidden, finished) frame.
    var returnFocus = state.returnFocus || document.activeElement;
    removeFrame();
    state.options = options;
    state.returnFocus = returnFocus;

    var url = buildUrl(options);
    var frame = document.createElement('iframe');
    frame.title = 'Human Connect';
    frame.src = url;
    cover(frame, 99999);
    if (options.modal) {
      frame.style.background = 'transparent';
      frame.setAttribute('allowtransparency', 'true');
    }

    state.frameOrigin = new URL(url, document.baseURI).origin;
    state.frame = frame;
    showSpinner();
    document.body.appendChild(frame);
    frame.focus();
  }

  function onMessage(event) {
    // Only the hosted page this script opened may drive the callbacks: same origin as the frame's URL, and the
    // frame's own window (another frame from the same origin, or the host page itself, is ignored).
    var frame = state.frame;
    if (!frame || event.origin !== state.frameOrigin || event.source !== frame.contentWindow) { return; }

    var message;
    try { message = typeof event.data === 'string' ? JSON.parse(event.data) : null; } catch (e) { return; }
    if (!message || typeof message.type !== 'string') { return; }

    switch (message.type) {
      case 'hapi-connect-open':
        if (message.token && typeof message.token.sessionToken === 'string') {
          saveSessionToken(message.token.sessionToken);
        }
        removeSpinner();
        break;
      case 'hapi-connect-finish':
        // Hidden, not removed, as in Human API's script: the host page is expected to reload or redirect next.
        removeSpinner();
        frame.style.display = 'none';
        callback('finish', null, message.token);
        break;
      case 'hapi-connect-close':
        removeFrame();
        callback('close');
        break;
      case 'hapi-connect-error':
        removeSpinner();
        callback('error', message.error);
        break;
      default:
        break;
    }
  }

  window.addEventListener('message', onMessage);

  window.HumanConnect = {
    open: open,
    setPublicToken: function (token) { state.publicToken = token || null; }
  };
})(window, document);
