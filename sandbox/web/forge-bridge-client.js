/* global window, document, fetch, MessageChannel */
// The host side of @forge/bridge inside a sandbox Custom UI iframe. Jira injects an object with a
// `callBridge(name, payload)` method; this one forwards the calls that need the product or the
// app's backend to the sandbox server, and handles navigation and events in the page.
(function () {
  'use strict';
  var script = document.currentScript;
  var endpoint = script && script.getAttribute('data-endpoint');
  if (!endpoint) throw new Error('forge-bridge-client: the script tag needs data-endpoint');
  var listeners = {};

  function post(name, payload) {
    return fetch(endpoint, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: name, payload: payload === undefined ? null : payload }),
    }).then(function (res) {
      return res.json().then(function (answer) {
        if (!answer || answer.ok !== true) throw new Error((answer && answer.message) || 'bridge call ' + name + ' failed (' + res.status + ')');
        return answer.value;
      });
    });
  }

  // Forge's iframe may not open windows or navigate the top page (popups are blocked): the host
  // page does it for `router.open` / `router.navigate`, after asking the user about an external
  // link. The server resolves and checks the location first (and records the call); the host page's
  // answer settles the promise, which rejects when the user declines, as Forge documents.
  function askHost(target) {
    if (window.parent === window) return Promise.resolve();
    return new Promise(function (resolve, reject) {
      var channel = new MessageChannel();
      channel.port1.onmessage = function (e) {
        if (e.data && e.data.ok) resolve();
        else reject(new Error((e.data && e.data.message) || 'navigation declined'));
      };
      window.parent.postMessage({ forgeSandbox: 'navigate', url: target.url, type: target.type, external: target.external }, window.location.origin, [channel.port2]);
    });
  }

  // `showFlag` opens a flag in Jira's flag group, outside the iframe: the server checks the options
  // (and records the call), the host page shows the flag. Without a host page there is nowhere to show it.
  function flagToHost(kind, flag) {
    if (window.parent !== window) window.parent.postMessage({ forgeSandbox: kind, flag: flag }, window.location.origin);
    return true;
  }

  var theme = script && script.getAttribute('data-color-mode') === 'dark' ? 'dark' : 'light';
  var themeCss = script && script.getAttribute('data-theme-css');

  var local = {
    navigate: function (p) {
      return post('navigate', p).then(askHost);
    },
    reload: function () {
      window.top.location.reload();
    },
    refresh: function () {
      window.location.reload();
      return true;
    },
    enableTheming: function () {
      var root = document.documentElement;
      root.setAttribute('data-color-mode', theme);
      root.setAttribute('data-theme', 'dark:dark light:light spacing:spacing typography:typography shape:shape');
      if (themeCss && !document.querySelector('link[data-forge-theme]')) {
        var link = document.createElement('link');
        link.rel = 'stylesheet';
        link.href = themeCss;
        link.setAttribute('data-forge-theme', '');
        document.head.appendChild(link);
      }
    },
    changeWindowTitle: function (p) {
      if (p && typeof p.title === 'string') document.title = p.title;
    },
    emitReadyEvent: function () {},
    showFlag: function (p) {
      return post('showFlag', p).then(function (flag) {
        return flagToHost('showFlag', flag);
      });
    },
    closeFlag: function (p) {
      return post('closeFlag', p).then(function (flag) {
        return flagToHost('closeFlag', flag);
      });
    },
    on: function (p) {
      (listeners[p.event] = listeners[p.event] || []).push(p.callback);
      return {
        unsubscribe: function () {
          listeners[p.event] = (listeners[p.event] || []).filter(function (c) {
            return c !== p.callback;
          });
        },
      };
    },
    emit: function (p) {
      (listeners[p.event] || []).forEach(function (c) {
        c(p.payload);
      });
    },
  };
  local.onPublic = local.on;
  local.emitPublic = local.emit;

  window.__bridge = {
    callBridge: function (name, payload) {
      try {
        if (Object.prototype.hasOwnProperty.call(local, name)) return Promise.resolve(local[name](payload));
      } catch (e) {
        return Promise.reject(e);
      }
      return post(name, payload);
    },
  };
  console.debug('sandbox bridge ready for', endpoint);
})();
