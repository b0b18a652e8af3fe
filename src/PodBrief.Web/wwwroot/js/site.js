// Progressive enhancement only: every page works without this file (CSP allows no inline script).
(function () {
  'use strict';

  function browserTimeZone() {
    try {
      return Intl.DateTimeFormat().resolvedOptions().timeZone || '';
    } catch (e) {
      return '';
    }
  }

  function fillTimeZone(id) {
    var input = document.getElementById(id);
    if (input && !input.value) {
      input.value = browserTimeZone();
    }
  }

  // The preferences picker: preselect the browser's zone while the stored one is still the UTC default.
  function detectTimeZone(select) {
    if (!select || select.getAttribute('data-detect') !== '1') {
      return;
    }
    var zone = browserTimeZone();
    for (var i = 0; i < select.options.length; i++) {
      if (select.options[i].value === zone) {
        select.selectedIndex = i;
        return;
      }
    }
  }

  // Typing in the search box narrows the picker to matching zones and selects the first match.
  function wireTimeZoneSearch(input, select) {
    if (!input || !select) {
      return;
    }
    input.addEventListener('input', function () {
      var needle = input.value.trim().toLowerCase().replace(/\s+/g, ' ');
      var first = null;
      for (var i = 0; i < select.options.length; i++) {
        var option = select.options[i];
        var match = !needle || option.text.toLowerCase().indexOf(needle) >= 0 ||
          option.value.toLowerCase().replace(/_/g, ' ').indexOf(needle) >= 0;
        option.hidden = !match;
        if (match && first === null) {
          first = option;
        }
      }
      if (first && needle) {
        first.selected = true;
      }
    });
  }

  function init() {
    var zones = document.getElementById('timezone');
    detectTimeZone(zones);
    wireTimeZoneSearch(document.querySelector('[data-tz-search]'), zones);
    fillTimeZone('signup-timezone');

    // Feedback links from an email: one tap records it (the GET page itself never changes anything).
    var autosubmit = document.querySelector('form[data-autosubmit]');
    if (autosubmit && !sessionStorage.getItem('fb:' + location.pathname)) {
      sessionStorage.setItem('fb:' + location.pathname, '1');
      autosubmit.submit();
    }
  }

  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', init);
  } else {
    init();
  }
})();
