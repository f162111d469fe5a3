// The sample's single-page app: the Connect options from the JSON endpoint, the button from the browser API.
import { attach } from '../_content/HumanConnect.AspNetCore/human-connect.mjs';

const button = document.getElementById('connect-health-data');
const status = document.getElementById('spa-status');
const publicToken = document.getElementById('spa-public-token');
const messages = {
  create: 'Not connected yet: connect a data source.',
  edit: 'Connected: add or remove data sources.',
};
let optionsUrl = 'connect/options'; // where MapHumanConnect() put it, relative to this page
let handle = null;

async function loadOptions() {
  const response = await fetch(optionsUrl, { credentials: 'same-origin', cache: 'no-store', headers: { Accept: 'application/json' } });
  if (response.status === 401) {
    return null; // nobody is signed in
  }
  if (!response.ok) {
    throw new Error(`GET ${optionsUrl} answered ${response.status}`);
  }
  return response.json();
}

function show(options) {
  document.getElementById('spa-signed-out').hidden = options !== null;
  document.getElementById('spa-sign-in').hidden = options !== null;
  document.getElementById('spa-connection').hidden = options === null;
  if (options === null) {
    return;
  }
  optionsUrl = options.optionsUrl || optionsUrl;
  status.textContent = messages[options.state] || options.message || '';
  publicToken.textContent = options.publicToken || (options.connectVersion === 'v2' ? '(none: Connect v2 has no publicToken)' : '(none stored)');
  button.disabled = options.state === 'unavailable';
  if (handle) {
    handle.update(options);
  } else {
    // onFinish: the page stays after a connect; the options endpoint then answers edit mode with the new publicToken.
    handle = attach(button, options, {
      onFinish: () => refresh(),
      onClose: () => { status.textContent = 'Connect was closed.'; },
    });
  }
}

async function refresh() {
  try {
    show(await loadOptions());
  } catch (e) {
    status.textContent = 'The Connect options could not be loaded; reload the page.';
  }
}

refresh();
