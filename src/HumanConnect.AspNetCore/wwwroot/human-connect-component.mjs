/*! HumanConnect.AspNetCore: what the <HumanConnectButton /> Blazor component imports when it is interactive. Not an
 * API for pages: use human-connect.mjs. It attaches the component's button and calls the component back. */
import api from './human-connect.mjs';

/** The Connect options as JSON text from GET {prefix}/connect/options, or null when nobody is signed in. */
export async function fetchOptions(url) {
  const response = await fetch(url, { credentials: 'same-origin', cache: 'no-store', headers: { Accept: 'application/json' } });
  if (response.status === 401) {
    return null;
  }
  if (!response.ok) {
    throw new Error('GET ' + url + ' answered ' + response.status);
  }
  return response.text();
}

/**
 * Attaches the button to Connect with the options (JSON text). stay: the component handles OnConnected, so the page
 * stays after a finish; otherwise it reloads (or follows redirectUrl), as the tag helper's button does.
 */
export function attach(element, json, component, stay) {
  return api.attach(element, JSON.parse(json), {
    // Connect v2's result is { humanId, connected } (no publicToken): the component's HumanConnectResult then carries an empty one.
    onFinish: stay ? (result) => component.invokeMethodAsync('Connected', result) : undefined,
    onClose: () => component.invokeMethodAsync('Closed'),
    onError: (error) => component.invokeMethodAsync('Failed', error),
  });
}

export function update(handle, json) {
  handle.update(JSON.parse(json));
}

export function detach(handle) {
  handle.detach();
}
