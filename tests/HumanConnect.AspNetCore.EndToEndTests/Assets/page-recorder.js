// Test-only, added to every page before its own scripts run (Playwright init script, which a CSP does not block).
// Records what human-connect.js tells the page (its DOM events) and every message the top window receives, so
// tests can assert on them; and lets a test keep the page after a finish (preventDefault on humanconnect:finish).
(function () {
  if (window.top !== window) { return; }
  var recorder = { events: [], messages: [], stayOnFinish: false };
  Object.defineProperty(window, '__humanConnectTest', { value: recorder });
  ['finish', 'close', 'error', 'change'].forEach(function (name) {
    document.addEventListener('humanconnect:' + name, function (event) {
      recorder.events.push({ type: name, detail: event.detail === undefined ? null : event.detail });
      if (name === 'finish' && recorder.stayOnFinish) { event.preventDefault(); }
    });
  });
  window.addEventListener('message', function (event) {
    recorder.messages.push({ origin: event.origin, data: typeof event.data === 'string' ? event.data : null });
  });
  document.addEventListener('securitypolicyviolation', function (event) {
    console.error('CSP violation: ' + event.violatedDirective + ' blocked ' + event.blockedURI);
  });
})();
