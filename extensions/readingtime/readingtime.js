/*
 * readingtime.js: the JavaScript twin of the readingtime.skin hook
 * (skin.go), for folio-render.js: "N min read" next to a view's heading,
 * in the view's interface language, from the data the PageInfo hook
 * stored (page ext "readingtime.info"). Loaded after folio-render.js (the
 * bundle's render-scripts), which sets globalThis.FolioRender (under Node
 * too); extensions/standard's test proves it gives the Go hook's data.
 */
(function (root) {
  'use strict';
  root.FolioRender.hooks['readingtime.skin'] = {
    data: function (d, ext, recipe) {
      var info = ext['readingtime.info'];
      if (!info || typeof info.minutes !== 'number' || info.minutes === 0) return d;
      d['data-indicators'] = (d['data-indicators'] || []).concat([
        { id: 'readingtime', text: recipe.T('readingtime-minutes', { Count: info.minutes }), href: '', accesskey: '', tooltip: '' }
      ]);
      return d;
    }
  };
})(typeof globalThis !== 'undefined' ? globalThis : this);
