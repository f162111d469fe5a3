/*
 * Human API sandbox: the list of demo sources both hosted Connect pages show (legacy connect-ui.js and v2's
 * hapi-connect.js). The sandbox serves it in front of each page's own script, in the same file, so each page still
 * loads one script.
 */
var SandboxSourceList = (function () {
  'use strict';

  /** Fills `list` with one item per source, each with its Connect or Disconnect button; focuses `focusSource`'s. */
  function render(list, sources, focusSource) {
    var focusTarget = null;
    var items = sources.map(function (source) {
      var item = document.createElement('li');
      item.className = 'hc-source' + (source.connected ? ' hc-connected' : '');

      var label = document.createElement('div');
      var name = document.createElement('span');
      name.className = 'hc-source-name';
      name.textContent = source.name;
      var state = document.createElement('span');
      state.className = 'hc-source-state';
      state.textContent = source.connected ? 'Connected' : 'Not connected';
      label.append(name, state);

      // The accessible name is "Connect <source>" or "Disconnect <source>"; the visible text stays short.
      var button = document.createElement('button');
      button.type = 'button';
      button.setAttribute('data-source', source.name);
      button.setAttribute('data-connected', source.connected ? 'true' : 'false');
      var hidden = document.createElement('span');
      hidden.className = 'hc-visually-hidden';
      hidden.textContent = ' ' + source.name;
      button.append(source.connected ? 'Disconnect' : 'Connect', hidden);
      if (source.name === focusSource) { focusTarget = button; }

      item.append(label, button);
      return item;
    });
    list.replaceChildren.apply(list, items);
    list.hidden = false;
    return focusTarget;
  }

  return { render: render };
})();
