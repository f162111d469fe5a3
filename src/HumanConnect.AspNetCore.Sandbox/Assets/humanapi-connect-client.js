/*
 * Human API sandbox: a browser client for Connect v2, for offline use. It behaves like Human API's
 * humanapi-connect-client 2.x as the project's facts describe it, and was written from those facts:
 *
 *   HumanConnect.on('connect' | 'disconnect' | 'close' | 'error', handler)
 *
 * On window load it binds a click handler to every [data-hapi-token] inside every .hapi__token-container element on
 * the page (and emits 'error' with a string when there is none); a MutationObserver on each container binds an
 * element that gains data-hapi-token (or is added) later, and a changed data-hapi-token is read at click time. A
 * click opens the hosted page in an iframe #human-api at {data-hapi-base-url}?token=…&mode=… (data-hapi-mode: auth
 * by default, or select) over an overlay #human-api-connect-modal-overlay, with
 * {base}/images/data-source-type-icons/launch-connect-text.svg behind it while it loads; a second click while it is
 * open does nothing. The page's message objects come back as 'connect', 'disconnect' and 'close' events (the object
 * itself, its type still inside); on close the iframe and the overlay are removed.
 *
 * Where it differs from Human API's client, on purpose: it accepts a message only from the iframe it opened AND from
 * the origin of its base URL (Human API's client checks no origin, so any frame could fake an event); it also binds
 * when it is loaded after the window's load event, binds an element added to a container later, and never binds one
 * element twice (Human API's adds another click handler each time data-hapi-token changes). Events are still only
 * hints for the UI: the app's server confirms every change with Human API. data-hapi-preseed, -focus-trap, -segment
 * and -pinned-providers are not read.
 */
(function (root, factory) {
  'use strict';
  if (typeof define === 'function' && define.amd) {
    define([], factory);
  } else if (typeof module === 'object' && module.exports) {
    module.exports = factory();
  } else {
    root.HumanConnect = factory();
  }
}(typeof self !== 'undefined' ? self : this, function () {
  'use strict';

  var DEFAULT_BASE_URL = 'https://hapi-connect.humanapi.co';
  var FRAME_ID = 'human-api';
  var OVERLAY_ID = 'human-api-connect-modal-overlay';
  var LAUNCH_IMAGE = '/images/data-source-type-icons/launch-connect-text.svg';
  var EVENTS = {
    'hapi-connect-connect-source': 'connect',
    'hapi-connect-disconnect-source': 'disconnect',
    'hapi-connect-close': 'close'
  };

  var listeners = { connect: [], disconnect: [], close: [], error: [] };
  var bound = typeof WeakSet === 'function' ? new WeakSet() : null;
  var current = null;

  function emit(event, payload) {
    listeners[event].slice().forEach(function (handler) {
      try {
        handler(payload);
      } catch (e) {
        // One failing handler must not silence the others; the error still reaches the console.
        setTimeout(function () { throw e; }, 0);
      }
    });
  }

  function styleOverlay(overlay) {
    var s = overlay.style;
    s.position = 'fixed';
    s.top = '0';
    s.left = '0';
    s.width = '100%';
    s.height = '100%';
    s.background = 'rgba(15, 23, 42, 0.55)';
    s.zIndex = '2147483646';
  }

  // 830×590 centred, or the whole viewport when it is smaller than that. Styled through the CSSOM, which a CSP
  // without 'unsafe-inline' allows (a style attribute would not be). Behind the frame, while the page loads, the image
  // Human API's client lays there, from the same place under the base URL (so a host's img-src is tried the same way).
  function styleFrame(frame, base) {
    var s = frame.style;
    var small = window.innerWidth < 830 || window.innerHeight < 590;
    var image = new URL(base.pathname.replace(/\/+$/, '') + LAUNCH_IMAGE, base);
    s.position = 'fixed';
    s.border = '0';
    s.background = '#fff url("' + image.href + '") no-repeat center center';
    s.zIndex = '2147483647';
    s.width = small ? '100%' : '830px';
    s.height = small ? '100%' : '590px';
    s.top = small ? '0' : '50%';
    s.left = small ? '0' : '50%';
    s.transform = small ? 'none' : 'translate(-50%, -50%)';
  }

  function openFor(element) {
    openWith({
      baseURL: element.getAttribute('data-hapi-base-url'),
      token: element.getAttribute('data-hapi-token'),
      mode: element.getAttribute('data-hapi-mode')
    });
  }

  /** Opens the hosted page with { token, baseURL, mode }, the options Human API's open() takes. */
  function openWith(options) {
    if (document.getElementById(FRAME_ID)) {
      return;
    }
    var url = new URL(options.baseURL || DEFAULT_BASE_URL, document.baseURI);
    url.searchParams.set('token', options.token || '');
    url.searchParams.set('mode', options.mode || 'auth');

    var overlay = document.createElement('div');
    overlay.id = OVERLAY_ID;
    styleOverlay(overlay);
    var frame = document.createElement('iframe');
    frame.id = FRAME_ID;
    frame.title = 'Human Connect';
    styleFrame(frame, url);
    frame.src = url.href;
    document.body.append(overlay, frame);
    current = { frame: frame, overlay: overlay, origin: url.origin };
    frame.focus();
  }

  function teardown() {
    if (current) {
      current.frame.remove();
      current.overlay.remove();
      current = null;
    }
  }

  function onClick(event) {
    event.preventDefault();
    openFor(event.currentTarget);
  }

  function bind(container) {
    container.querySelectorAll('[data-hapi-token]').forEach(function (element) {
      if (bound ? bound.has(element) : element.hapiConnectBound) { return; }
      if (bound) { bound.add(element); } else { element.hapiConnectBound = true; }
      element.addEventListener('click', onClick);
    });
  }

  // The containers present at load, as in Human API's client: one added later is not looked at.
  function start() {
    var containers = Array.prototype.slice.call(document.getElementsByClassName('hapi__token-container'));
    if (!containers.length) {
      emit('error', 'HumanConnect: no element with the class "hapi__token-container" was found when the page loaded.');
      return;
    }
    containers.forEach(function (container) {
      bind(container);
      new MutationObserver(function () { bind(container); }).observe(container, {
        subtree: true, childList: true, attributes: true, attributeFilter: ['data-hapi-token']
      });
    });
  }

  window.addEventListener('message', function (event) {
    if (!current || event.source !== current.frame.contentWindow || event.origin !== current.origin) { return; }
    var data = event.data;
    if (!data || typeof data !== 'object' || !Object.prototype.hasOwnProperty.call(EVENTS, data.type)) { return; }
    if (data.type === 'hapi-connect-close') { teardown(); }
    emit(EVENTS[data.type], data);
  });

  if (document.readyState === 'complete') {
    // Loaded after the load event: start on the next task, so handlers registered right after the script still hear 'error'.
    setTimeout(start, 0);
  } else {
    window.addEventListener('load', start);
  }

  var api = {
    /** Registers handler for 'connect', 'disconnect', 'close' or 'error'; returns HumanConnect, for chaining. */
    on: function (event, handler) {
      if (Object.prototype.hasOwnProperty.call(listeners, event) && typeof handler === 'function') {
        listeners[event].push(handler);
      }
      return api;
    },

    /**
     * As in Human API's client: opens Connect with { token, baseURL, mode } (its open(), deprecated there unless
     * version 'V2' is given); with no token, as a click on the first [data-hapi-token] would.
     */
    open: function (options) {
      if (options && typeof options === 'object' && options.token) {
        openWith(options);
        return;
      }
      var element = document.querySelector('.hapi__token-container [data-hapi-token]');
      if (element) {
        openFor(element);
      } else {
        emit('error', 'HumanConnect: no element with data-hapi-token inside .hapi__token-container to open Connect with.');
      }
    }
  };
  return api;
}));
