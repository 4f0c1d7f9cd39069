/* global window, document, fetch */
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

  function go(url, type) {
    if (type === 'new-tab') window.open(url, '_blank', 'noopener');
    else window.top.location.assign(url);
  }

  var local = {
    navigate: function (p) {
      if (p && typeof p.url === 'string') return go(p.url, p.type);
      return post('getUrl', p).then(function (url) {
        go(url, p && p.type);
      });
    },
    reload: function () {
      window.top.location.reload();
    },
    refresh: function () {
      window.location.reload();
      return true;
    },
    enableTheming: function () {
      document.documentElement.setAttribute('data-color-mode', 'light');
    },
    changeWindowTitle: function (p) {
      if (p && typeof p.title === 'string') document.title = p.title;
    },
    emitReadyEvent: function () {},
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
