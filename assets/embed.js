/*
 * deal-explorer embed helper, for the page that embeds the explorer in an iframe.
 *
 *   <iframe src="https://example.org/tools/deal/?embed=1" title="OpenAI–Microsoft deal explorer"
 *           width="100%" height="720" style="border:0" loading="lazy"></iframe>
 *   <a href="https://example.org/tools/deal/"><img src="https://example.org/tools/deal/og.png"
 *      alt="OpenAI–Microsoft deal explorer" width="600" height="315" loading="lazy"></a>
 *   <script src="https://example.org/tools/deal/embed.js" async></script>
 *
 * It sizes each explorer frame to its content (the app posts
 * {type: "deal-explorer:height", height} whenever its height changes) and offers
 * DealExplorer.setTheme("light" | "dark" | "auto") to follow the blog's own theme toggle.
 * The link with the explorer's preview picture is for hosts that drop iframes and scripts
 * (feeds, e-mail); where this script runs the frame is there too, so it hides each such link
 * whose explorer frame is on the page.
 *
 * The post can drive the explorer: a click on any element with data-deal-explorer="r30=280&cap=50"
 * (a link's query) shows that scenario in every explorer on the page, or only in the iframe
 * whose id its data-deal-explorer-frame names, as DealExplorer.setScenario(query, frame?) does.
 * The click's own action (following the link's href) is kept only when no explorer frame is
 * there to take it. After each settled change an explorer posts its scenario and headline
 * figures, which this script hands on as a "deal-explorer:scenario" event on its iframe
 * element (it bubbles; event.detail holds them). The README's "Host protocol" has the details.
 * No dependencies; safe to include more than once.
 */
(function () {
  'use strict';

  // The page of an address: its origin and path, without query or fragment.
  function pageOf(address) {
    try {
      var url = new URL(address, document.baseURI);
      return url.origin + url.pathname;
    } catch (e) {
      return null;
    }
  }

  // A link holding the explorer's preview picture (og.png beside the explorer) is hidden when a
  // frame of the same explorer page is on the page.
  function hideFallbacks() {
    var frames = document.getElementsByTagName('iframe');
    var shown = [];
    for (var i = 0; i < frames.length; i += 1) shown.push(pageOf(frames[i].src));
    var images = document.querySelectorAll('a[href] > img[src]');
    for (var j = 0; j < images.length; j += 1) {
      var link = images[j].parentNode;
      var page = pageOf(link.getAttribute('href'));
      var picture = pageOf(images[j].getAttribute('src'));
      if (!page || !picture || picture.slice(-7) !== '/og.png') continue;
      if (page.slice(0, page.lastIndexOf('/') + 1) !== picture.slice(0, -6)) continue;
      if (shown.indexOf(page) >= 0) link.style.display = 'none';
    }
  }

  // Each copy of the script hides the links before it at once, and all of them once the page
  // is parsed.
  hideFallbacks();
  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', hideFallbacks);
  }

  if (window.DealExplorer) return;

  var HEIGHT = 'deal-explorer:height';
  var THEME = 'deal-explorer:theme';
  var REQUEST = 'deal-explorer:scenario-request';
  var SCENARIO = 'deal-explorer:scenario';
  // The app ignores longer queries; so does this script.
  var MAX_QUERY = 4096;
  // A scenario message's figures, in $B; its cap_year is a year or null.
  var FIGURES = ['total_new', 'total_old', 'microsoft_change'];
  var MIN_HEIGHT = 120;
  var MAX_HEIGHT = 20000;
  // Frames that have announced themselves as explorers (with a height); only they get theme
  // and scenario messages, and only their scenario messages are handed on.
  var explorers = [];
  // The last scenario each frame sent before it announced itself, as {frame, detail}: an
  // explorer reports its first scenario just before its first height. Handed on once it does.
  var early = [];

  function frameOf(source) {
    var frames = document.getElementsByTagName('iframe');
    for (var i = 0; i < frames.length; i += 1) {
      if (frames[i].contentWindow === source) return frames[i];
    }
    return null;
  }

  function isNumber(value) {
    return typeof value === 'number' && isFinite(value);
  }

  // The scenario message's fields, checked and copied, or null when any is amiss.
  function scenarioOf(data) {
    if (typeof data.query !== 'string' || data.query.length > MAX_QUERY) return null;
    var year = data.cap_year;
    if (year !== null && !(isNumber(year) && Math.floor(year) === year)) return null;
    var detail = { query: data.query, cap_year: year };
    for (var i = 0; i < FIGURES.length; i += 1) {
      if (!isNumber(data[FIGURES[i]])) return null;
      detail[FIGURES[i]] = data[FIGURES[i]];
    }
    return detail;
  }

  function handOn(frame, detail) {
    frame.dispatchEvent(new CustomEvent(SCENARIO, { bubbles: true, detail: detail }));
  }

  // Takes the early scenario of `frame` out of `early`, or null.
  function earlyOf(frame) {
    for (var i = 0; i < early.length; i += 1) {
      if (early[i].frame === frame) return early.splice(i, 1)[0].detail;
    }
    return null;
  }

  window.addEventListener('message', function (event) {
    var data = event.data;
    if (!data || typeof data !== 'object') return;
    var frame = frameOf(event.source);
    if (!frame) return;
    if (data.type === HEIGHT) {
      var height = Number(data.height);
      if (!isFinite(height)) return;
      height = Math.max(MIN_HEIGHT, Math.min(MAX_HEIGHT, Math.ceil(height)));
      frame.style.height = height + 'px';
      frame.setAttribute('data-deal-explorer-height', String(height));
      if (explorers.indexOf(frame) < 0) {
        explorers.push(frame);
        var first = earlyOf(frame);
        if (first) handOn(frame, first);
      }
    } else if (data.type === SCENARIO) {
      var detail = scenarioOf(data);
      if (!detail) return;
      if (explorers.indexOf(frame) >= 0) {
        handOn(frame, detail);
      } else {
        earlyOf(frame);
        early.push({ frame: frame, detail: detail });
      }
    }
  });

  // Posts to the explorers (all, or the one `frame`: an iframe or its id); returns how many.
  function post(message, frame) {
    var targets = explorers;
    if (frame) {
      if (typeof frame === 'string') frame = document.getElementById(frame);
      targets = explorers.indexOf(frame) >= 0 ? [frame] : [];
    }
    var sent = 0;
    for (var i = 0; i < targets.length; i += 1) {
      if (targets[i].contentWindow) {
        targets[i].contentWindow.postMessage(message, '*');
        sent += 1;
      }
    }
    return sent;
  }

  function setScenario(query, frame) {
    if (typeof query !== 'string' || query.length > MAX_QUERY) return 0;
    return post({ type: REQUEST, query: query }, frame);
  }

  document.addEventListener('click', function (event) {
    // A click meant to open the link elsewhere (a new tab, a download) stays the browser's.
    if (event.defaultPrevented || event.button !== 0) return;
    if (event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    var target = event.target;
    var trigger = target && target.closest ? target.closest('[data-deal-explorer]') : null;
    if (!trigger) return;
    var sent = setScenario(
      trigger.getAttribute('data-deal-explorer'),
      trigger.getAttribute('data-deal-explorer-frame')
    );
    if (sent > 0) event.preventDefault();
  });

  window.DealExplorer = {
    setTheme: function (theme) {
      if (theme !== 'light' && theme !== 'dark' && theme !== 'auto') return;
      post({ type: THEME, theme: theme });
    },
    // Shows the scenario of `query` (a link's query, e.g. "r30=280&cap=50") in every explorer
    // frame, or only in `frame` (an iframe element or its id). Returns how many frames were
    // asked: 0 while none has loaded.
    setScenario: setScenario,
  };
})();
