// Test-only: a stand-in for Human API's legacy connect.js, written from how that script is known to behave inside
// the page (an iframe over the page, loaded from _baseURL, talking back with postMessage). It is not Human API's code. Like that script it defaults to https://connect.humanapi.co, URL-encodes nothing, checks no message
// origin and never clears humanapiSessionToken: whatever human-connect.js relies on beyond HumanConnect.open and
// the four callbacks would break here.
(function () {
  var base = 'https://connect.humanapi.co';
  var publicToken = null;
  var iframe = null;
  var options = null;

  function open(opts) {
    options = opts;
    if (opts.publicToken) { publicToken = opts.publicToken; }
    var url = (opts._baseURL || base) + '/?clientUserId=' + opts.clientUserId;
    if (publicToken) { url += '&publicToken=' + publicToken; }
    url += '&clientId=' + opts.clientId + '&lang=' + (opts.language || 'en');
    var sessionToken = localStorage.getItem('humanapiSessionToken');
    if (sessionToken) { url += '&sessionToken=' + sessionToken; }
    if (opts.modal) { url += '&modal=1'; }
    if (opts.mode) { url += '&mode=' + opts.mode; }
    iframe = document.createElement('iframe');
    iframe.className = 'legacy-connect';
    iframe.src = url;
    iframe.style.position = 'fixed';
    iframe.style.top = '0';
    iframe.style.left = '0';
    iframe.style.width = '100%';
    iframe.style.height = '100%';
    iframe.style.border = '0';
    iframe.style.zIndex = '99999';
    document.body.appendChild(iframe);
  }

  window.addEventListener('message', function (event) {
    var message;
    try { message = JSON.parse(event.data); } catch (e) { return; }
    switch (message && message.type) {
      case 'hapi-connect-open': localStorage.setItem('humanapiSessionToken', message.token.sessionToken); break;
      case 'hapi-connect-finish': iframe.style.display = 'none'; options.finish(null, message.token); break;
      case 'hapi-connect-close': iframe.parentNode.removeChild(iframe); iframe = null; options.close(); break;
      case 'hapi-connect-error': options.error(message.error); break;
    }
  });

  window.HumanConnect = { open: open, setPublicToken: function (token) { publicToken = token; } };
})();
